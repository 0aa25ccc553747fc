import type { ChallengeRecord, ChallengeStore } from '../store.ts';
import { insertEvent } from './events-sql.ts';
import { toChallenge } from './rows.ts';
import { insertSession } from './sessions-sql.ts';
import type { SqlDatabase, SqlExecutor } from './sql-database.ts';
import { endPendingChallenges, endSingleFactorSessions, hasFactor, lockFactors } from './factors-sql.ts';
import { checkSignInBasis } from './sign-in-basis-sql.ts';
import { assertSealedWithCurrentKey } from './data-key-sql.ts';

async function insertChallenge(tx: SqlExecutor, c: ChallengeRecord): Promise<void> {
  await tx.run(
    `INSERT INTO challenges (id_hash, user_id, kind, pending_secret_sealed, token_type, failures, expires_at, session_hash, webauthn_challenge)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      c.idHash,
      c.userId,
      c.kind,
      c.pendingSecretSealed,
      c.tokenType,
      c.failures,
      c.expiresAt,
      c.sessionHash,
      c.webauthnChallenge,
    ],
  );
}

/** Login challenges and "Set up now" enrollments: single use, each finished by one transaction. */
export function challengeQueries(db: SqlDatabase): ChallengeStore {
  return {
    createChallenge: (c, basis) =>
      db.transaction(async (tx) => {
        const check = basis ? await checkSignInBasis(db, tx, c.userId, basis) : 'ok';
        if (check !== 'ok') return check;
        if (c.pendingSecretSealed !== null) await assertSealedWithCurrentKey(tx, c.pendingSecretSealed);
        if (c.sessionHash !== null) await tx.run('DELETE FROM challenges WHERE session_hash = ?', [c.sessionHash]);
        await insertChallenge(tx, c);
        return check;
      }),
    exchangeChallenge: (idHash, next) =>
      db.transaction(async (tx) => {
        if ((await tx.run("DELETE FROM challenges WHERE id_hash = ? AND kind = 'mfa'", [idHash])) !== 1) return false;
        await insertChallenge(tx, next);
        return true;
      }),
    async getChallenge(idHash) {
      const row = await db.get('SELECT * FROM challenges WHERE id_hash = ?', [idHash]);
      return row ? toChallenge(row) : null;
    },
    async getSessionEnrollment(sessionHash) {
      const row = await db.get('SELECT * FROM challenges WHERE session_hash = ?', [sessionHash]);
      return row ? toChallenge(row) : null;
    },
    failChallenge: (idHash, maxFailures) =>
      db.transaction(async (tx) => {
        const row = await tx.get<{ failures: unknown }>(
          'UPDATE challenges SET failures = failures + 1 WHERE id_hash = ? RETURNING failures',
          [idHash],
        );
        if (!row) return maxFailures;
        const failures = Number(row.failures);
        if (failures >= maxFailures) await tx.run('DELETE FROM challenges WHERE id_hash = ?', [idHash]);
        return failures;
      }),
    finishChallenge: (idHash, session, event) =>
      db.transaction(async (tx) => {
        // The DELETE is the claim: of two concurrent answers, the second deletes nothing.
        if ((await tx.run('DELETE FROM challenges WHERE id_hash = ?', [idHash])) !== 1) return false;
        await insertSession(tx, session);
        await insertEvent(tx, event);
        return true;
      }),
    finishEnrollment: (idHash, link, target, events) =>
      db.transaction(async (tx) => {
        // The user's row first, as every change of factors takes it: one lock order, no deadlock.
        const factors = await lockFactors(db, tx, link.userId);
        // The challenge goes whatever happens next: one that lost a race must not stay usable.
        if ((await tx.run('DELETE FROM challenges WHERE id_hash = ?', [idHash])) !== 1) return false;
        // Someone linked a factor meanwhile (an app, or a passkey in their own session): keep
        // theirs; an enrollment offered before it must not add a second one.
        if (factors === null || hasFactor(factors)) return false;
        if ('upgrade' in target) {
          const session = await tx.get(
            `SELECT 1 AS found FROM sessions WHERE token_hash = ? AND user_id = ?${db.dialect.forUpdate}`,
            [target.upgrade, link.userId],
          );
          if (!session) return false;
        }
        await assertSealedWithCurrentKey(tx, link.secretSealed);
        const activeAt = 'create' in target ? target.create.createdAt : null;
        await tx.run(
          'UPDATE users SET totp_secret_sealed = ?, totp_last_step = ?, mfa_enabled = 1, last_active_at = coalesce(?, last_active_at) WHERE id = ?',
          [link.secretSealed, link.step, activeAt, link.userId],
        );
        await endPendingChallenges(tx, link.userId);
        await endSingleFactorSessions(tx, link.userId, 'upgrade' in target ? target.upgrade : null);
        await tx.run('DELETE FROM recovery_codes WHERE user_id = ?', [link.userId]);
        for (const hash of link.recoveryCodeHashes)
          await tx.run('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)', [link.userId, hash]);
        if ('create' in target) await insertSession(tx, target.create);
        // The session proved the new app's code: its tokens say so (RFC 8176 amr).
        else
          await tx.run(
            "UPDATE sessions SET mfa_passed = 1, reauth_second_factor = 1, amr = 'pwd otp mfa' WHERE token_hash = ? AND user_id = ?",
            [target.upgrade, link.userId],
          );
        for (const event of events) await insertEvent(tx, event);
        return true;
      }),
  };
}
