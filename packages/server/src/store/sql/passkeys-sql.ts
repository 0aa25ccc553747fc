import type { PasskeyStore } from '../store.ts';
import type { NewSecurityEvent, PasskeyRecord, SessionRecord } from '../records.ts';
import { insertEvent } from './events-sql.ts';
import { toPasskey, toWebauthnChallenge } from './rows.ts';
import { insertSession } from './sessions-sql.ts';
import {
  endPendingChallenges,
  endSingleFactorSessions,
  hasFactor,
  lastFactorRefusal,
  lockFactors,
} from './factors-sql.ts';
import { UniqueViolation, type SqlDatabase, type SqlExecutor } from './sql-database.ts';

/** A new passkey, which turns the user's MFA switch on: it is a second factor. */
async function insertPasskey(tx: SqlExecutor, p: PasskeyRecord): Promise<void> {
  await tx.run(
    `INSERT INTO passkeys (id, user_id, credential_id, public_key, counter, transports, name, created_at, last_used_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [p.id, p.userId, p.credentialId, p.publicKey, p.counter, p.transports.join(','), p.name, p.createdAt, p.lastUsedAt],
  );
  await tx.run('UPDATE users SET mfa_enabled = 1 WHERE id = ?', [p.userId]);
}

/**
 * A passkey registered to finish a sign-in, in one transaction under the user's factor lock:
 * `claim` spends the challenge and says whether it may go on (and does its own part); then the
 * passkey, the end of the user's other challenges and single-factor sessions, the session and the
 * events. A credential registered already (a race) leaves nothing.
 */
async function registeredAtSignIn(
  db: SqlDatabase,
  p: PasskeyRecord,
  session: SessionRecord,
  events: NewSecurityEvent[],
  claim: (tx: SqlExecutor, factors: Awaited<ReturnType<typeof lockFactors>>) => Promise<boolean>,
): Promise<boolean> {
  try {
    return await db.transaction(async (tx) => {
      if (!(await claim(tx, await lockFactors(db, tx, p.userId)))) return false;
      await insertPasskey(tx, p);
      await endPendingChallenges(tx, p.userId);
      await endSingleFactorSessions(tx, p.userId, null);
      await insertSession(tx, session);
      for (const event of events) await insertEvent(tx, event);
      return true;
    });
  } catch (error) {
    if (error instanceof UniqueViolation) return false;
    throw error;
  }
}

async function replaceCodes(tx: SqlExecutor, userId: string, hashes: string[]): Promise<void> {
  await tx.run('DELETE FROM recovery_codes WHERE user_id = ?', [userId]);
  for (const hash of hashes)
    await tx.run('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)', [userId, hash]);
}

/** Passkeys and the WebAuthn ceremonies in progress. */
export function passkeyQueries(db: SqlDatabase): PasskeyStore {
  return {
    async listPasskeys(userId) {
      return (await db.all('SELECT * FROM passkeys WHERE user_id = ? ORDER BY created_at, id', [userId])).map(
        toPasskey,
      );
    },
    async findPasskeyByCredentialId(credentialId) {
      const row = await db.get('SELECT * FROM passkeys WHERE credential_id = ?', [credentialId]);
      return row ? toPasskey(row) : null;
    },
    async addPasskey(p, { session, first }, event) {
      try {
        return await db.transaction(async (tx) => {
          const factors = await lockFactors(db, tx, p.userId);
          // Authorized as the first factor (a recent password sufficed) or beside one: that must still hold.
          if (factors === null || hasFactor(factors) === (first !== null)) return 'changed';
          const found = await tx.get(
            `SELECT 1 AS found FROM sessions WHERE token_hash = ? AND user_id = ?${db.dialect.forUpdate}`,
            [session, p.userId],
          );
          if (!found) return 'changed';
          if (first !== null) {
            await tx.run(
              "UPDATE sessions SET mfa_passed = 1, reauth_second_factor = 1, amr = 'pwd swk mfa' WHERE token_hash = ?",
              [session],
            );
            await replaceCodes(tx, p.userId, first.recoveryCodeHashes);
          }
          await insertPasskey(tx, p);
          await endPendingChallenges(tx, p.userId);
          await endSingleFactorSessions(tx, p.userId, session);
          await insertEvent(tx, event);
          return 'added' as const;
        });
      } catch (error) {
        if (error instanceof UniqueViolation) return 'duplicate';
        throw error;
      }
    },
    finishPasskeyEnrollment: (idHash, p, recoveryCodeHashes, session, events) =>
      registeredAtSignIn(db, p, session, events, async (tx, factors) => {
        // The challenge goes whatever happens next: one that lost a race must not stay usable.
        if ((await tx.run('DELETE FROM challenges WHERE id_hash = ?', [idHash])) !== 1) return false;
        if (factors === null || hasFactor(factors)) return false;
        await replaceCodes(tx, p.userId, recoveryCodeHashes);
        return true;
      }),
    finishPasskeySetup: (idHash, p, session, events) =>
      registeredAtSignIn(db, p, session, events, async (tx, factors) => {
        const deleted = await tx.run("DELETE FROM challenges WHERE id_hash = ? AND kind = 'passkey_setup'", [idHash]);
        return deleted === 1 && factors !== null;
      }),
    renamePasskey: (userId, id, name) =>
      db.transaction(async (tx) => {
        if ((await tx.run('UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ?', [name, id, userId])) !== 1)
          return null;
        const row = await tx.get('SELECT * FROM passkeys WHERE id = ?', [id]);
        return row ? toPasskey(row) : null;
      }),
    removePasskey: (userId, id, lastEvents, events) =>
      db.transaction(async (tx) => {
        const factors = await lockFactors(db, tx, userId);
        if (factors === null) return 'not_found';
        // Decided under the lock: two parallel removals cannot each think the other's key remains.
        const isLast = !factors.totp && factors.passkeys === 1;
        const refusal = isLast ? await lastFactorRefusal(db, tx, factors) : null;
        if (refusal !== null) {
          const mine = await tx.get('SELECT 1 AS found FROM passkeys WHERE id = ? AND user_id = ?', [id, userId]);
          return mine ? refusal : 'not_found';
        }
        if ((await tx.run('DELETE FROM passkeys WHERE id = ? AND user_id = ?', [id, userId])) !== 1) return 'not_found';
        await endPendingChallenges(tx, userId);
        if (isLast) {
          await tx.run('UPDATE users SET mfa_enabled = 0 WHERE id = ?', [userId]);
          await tx.run('DELETE FROM recovery_codes WHERE user_id = ?', [userId]);
          // No second factor is left to have confirmed anything with.
          await tx.run('UPDATE sessions SET reauth_second_factor = 0 WHERE user_id = ?', [userId]);
        }
        for (const event of isLast ? [...events, ...lastEvents] : events) await insertEvent(tx, event);
        return isLast ? 'last_removed' : 'removed';
      }),
    // One conditional UPDATE, like the TOTP step: of two uses with one counter value, one wins.
    async usePasskey(id, counter, at) {
      return (
        (await db.run(
          'UPDATE passkeys SET counter = ?, last_used_at = ? WHERE id = ? AND (counter < ? OR (counter = 0 AND ? = 0))',
          [counter, at, id, counter, counter],
        )) === 1
      );
    },
    createWebauthnChallenge: (c) =>
      db.transaction(async (tx) => {
        if (c.sessionHash !== null)
          await tx.run('DELETE FROM webauthn_challenges WHERE session_hash = ? AND purpose = ?', [
            c.sessionHash,
            c.purpose,
          ]);
        await tx.run(
          'INSERT INTO webauthn_challenges (id_hash, purpose, user_id, session_hash, challenge, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
          [c.idHash, c.purpose, c.userId, c.sessionHash, c.challenge, c.expiresAt],
        );
      }),
    async consumeWebauthnChallenge(key) {
      const row = await db.get('DELETE FROM webauthn_challenges WHERE session_hash = ? AND purpose = ? RETURNING *', [
        key.sessionHash,
        key.purpose,
      ]);
      return row ? toWebauthnChallenge(row) : null;
    },
    // One conditional INSERT: of two answers to one ceremony, one is first.
    async spendWebauthnChallenge(idHash, expiresAt) {
      const inserted = await db.run(
        `INSERT INTO webauthn_challenges (id_hash, purpose, user_id, session_hash, challenge, expires_at) VALUES (?, 'login', NULL, NULL, '', ?) ON CONFLICT (id_hash) DO NOTHING`,
        [idHash, expiresAt],
      );
      return inserted === 1;
    },
  };
}
