import { SealedWithOtherKeyError, sealedKeyFingerprint } from '../sealed-values.ts';
import type { DataKeyStore } from '../store.ts';
import type { SqlDatabase, SqlExecutor } from './sql-database.ts';

/**
 * Refuses to store a value sealed with a key that is not the database's (#28 F2): a server left
 * running on the old key after `rotate-key` would otherwise seal new secrets that no key file
 * opens afterwards. Read inside the writing transaction, so a rotation commits before (and this
 * write is refused) or after (and re-seals it).
 */
export async function assertSealedWithCurrentKey(tx: SqlExecutor, sealed: string): Promise<void> {
  const row = await tx.get<{ fingerprint: string }>('SELECT fingerprint FROM key_state WHERE id = 1');
  const named = sealedKeyFingerprint(sealed);
  // A `v1` value names no key; this version never writes one, and one from before is kept.
  if (row && named !== null && named !== row.fingerprint) throw new SealedWithOtherKeyError('the data key was rotated');
}

/** The data key's fingerprint, the secrets it seals, and their re-sealing by `rotate-key`. */
export function dataKeyQueries(db: SqlDatabase): DataKeyStore {
  return {
    resealSecrets: (reseal, keys) =>
      db.transaction(async (tx) => {
        if (!(await db.noServerRunning(tx))) return 'in_use' as const;
        const recorded = await tx.get<{ fingerprint: string }>(
          `SELECT fingerprint FROM key_state WHERE id = 1${db.dialect.forUpdate}`,
        );
        if (recorded && recorded.fingerprint !== keys.from) return 'key_changed' as const;
        let count = 0;
        const users = await tx.all<{ id: string; sealed: string }>(
          `SELECT id, totp_secret_sealed AS sealed FROM users WHERE totp_secret_sealed IS NOT NULL${db.dialect.forUpdate}`,
        );
        for (const user of users) {
          await tx.run('UPDATE users SET totp_secret_sealed = ? WHERE id = ?', [
            await reseal(user.sealed, { kind: 'totp', userId: user.id }),
            user.id,
          ]);
          count++;
        }
        const pending = await tx.all<{ id_hash: string; user_id: string; sealed: string }>(
          `SELECT id_hash, user_id, pending_secret_sealed AS sealed FROM challenges WHERE pending_secret_sealed IS NOT NULL${db.dialect.forUpdate}`,
        );
        for (const challenge of pending) {
          await tx.run('UPDATE challenges SET pending_secret_sealed = ? WHERE id_hash = ?', [
            await reseal(challenge.sealed, { kind: 'totp', userId: challenge.user_id }),
            challenge.id_hash,
          ]);
          count++;
        }
        const signing = await tx.all<{ kid: string; sealed: string }>(
          `SELECT kid, private_sealed AS sealed FROM signing_keys${db.dialect.forUpdate}`,
        );
        for (const key of signing) {
          await tx.run('UPDATE signing_keys SET private_sealed = ? WHERE kid = ?', [
            await reseal(key.sealed, { kind: 'signing-key', kid: key.kid }),
            key.kid,
          ]);
          count++;
        }
        const hooks = await tx.all<{ id: string; sealed: string; previous: string | null }>(
          `SELECT id, secret_sealed AS sealed, previous_secret_sealed AS previous FROM webhooks${db.dialect.forUpdate}`,
        );
        for (const hook of hooks) {
          const owner = { kind: 'webhook' as const, id: hook.id };
          await tx.run('UPDATE webhooks SET secret_sealed = ?, previous_secret_sealed = ? WHERE id = ?', [
            await reseal(hook.sealed, owner),
            hook.previous === null ? null : await reseal(hook.previous, owner),
            hook.id,
          ]);
          count += hook.previous === null ? 1 : 2;
        }
        if (recorded) await tx.run('UPDATE key_state SET fingerprint = ? WHERE id = 1', [keys.to]);
        else await tx.run('INSERT INTO key_state (id, fingerprint) VALUES (1, ?)', [keys.to]);
        return count;
      }),
    adoptKeyFingerprint: (fingerprint) =>
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO key_state (id, fingerprint) VALUES (1, ?) ON CONFLICT (id) DO NOTHING', [
          fingerprint,
        ]);
        const row = await tx.get<{ fingerprint: string }>('SELECT fingerprint FROM key_state WHERE id = 1');
        return row!.fingerprint;
      }),
    async sealedSecretsNotUnder(fingerprint) {
      // Fingerprints are hex: nothing in the pattern is a LIKE wildcard.
      const pattern = `v2.${fingerprint}.%`;
      const linked = await db.all<{ user_id: string; sealed: string }>(
        'SELECT id AS user_id, totp_secret_sealed AS sealed FROM users WHERE totp_secret_sealed IS NOT NULL AND totp_secret_sealed NOT LIKE ?',
        [pattern],
      );
      const pending = await db.all<{ user_id: string; sealed: string }>(
        'SELECT user_id, pending_secret_sealed AS sealed FROM challenges WHERE pending_secret_sealed IS NOT NULL AND pending_secret_sealed NOT LIKE ?',
        [pattern],
      );
      const keys = await db.all<{ kid: string; sealed: string }>(
        'SELECT kid, private_sealed AS sealed FROM signing_keys WHERE private_sealed NOT LIKE ?',
        [pattern],
      );
      const hooks = await db.all<{ id: string; sealed: string }>(
        'SELECT id, secret_sealed AS sealed FROM webhooks WHERE secret_sealed NOT LIKE ?',
        [pattern],
      );
      return [
        ...hooks.map((r) => ({ owner: { kind: 'webhook' as const, id: r.id }, sealed: r.sealed, pending: false })),
        ...linked.map((r) => ({
          owner: { kind: 'totp' as const, userId: r.user_id },
          sealed: r.sealed,
          pending: false,
        })),
        ...pending.map((r) => ({
          owner: { kind: 'totp' as const, userId: r.user_id },
          sealed: r.sealed,
          pending: true,
        })),
        ...keys.map((r) => ({ owner: { kind: 'signing-key' as const, kid: r.kid }, sealed: r.sealed, pending: false })),
      ];
    },
    holdInstanceLock: () => db.holdInstanceLock(),
  };
}
