import type { MfaStore } from '../store.ts';
import { insertEvent } from './events-sql.ts';
import { lastFactorRefusal, lockFactors } from './factors-sql.ts';
import type { SqlDatabase } from './sql-database.ts';

/** The linked authenticator: its replay state, its recovery codes, and unlinking it. */
export function mfaQueries(db: SqlDatabase): MfaStore {
  return {
    unlinkMfa: (userId, { disable, endSessions, passkeys }, event) =>
      db.transaction(async (tx) => {
        const factors = await lockFactors(db, tx, userId);
        // Turning MFA off is removing the last factor: the same refusals, read under the same lock.
        const refusal = disable && factors !== null ? await lastFactorRefusal(db, tx, factors) : null;
        if (refusal !== null) return refusal;
        await tx.run('UPDATE users SET totp_secret_sealed = NULL, totp_last_step = NULL WHERE id = ?', [userId]);
        if (passkeys) await tx.run('DELETE FROM passkeys WHERE user_id = ?', [userId]);
        if (disable) await tx.run('UPDATE users SET mfa_enabled = 0 WHERE id = ?', [userId]);
        await tx.run('DELETE FROM recovery_codes WHERE user_id = ?', [userId]);
        await tx.run('DELETE FROM challenges WHERE user_id = ?', [userId]);
        if (endSessions) await tx.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
        else await tx.run('UPDATE sessions SET reauth_at = 0, reauth_second_factor = 0 WHERE user_id = ?', [userId]);
        await insertEvent(tx, event);
        return 'unlinked' as const;
      }),
    // One conditional UPDATE: the row lock makes concurrent claims of one step wait, then fail the condition.
    async claimTotpStep(userId, step) {
      return (
        (await db.run(
          'UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)',
          [step, userId, step],
        )) === 1
      );
    },
    async countRecoveryCodes(userId) {
      const row = await db.get<{ n: unknown }>('SELECT count(*) AS n FROM recovery_codes WHERE user_id = ?', [userId]);
      return Number(row?.n ?? 0);
    },
    consumeRecoveryCode: (userId, codeHash, event) =>
      db.transaction(async (tx) => {
        if ((await tx.run('DELETE FROM recovery_codes WHERE user_id = ? AND code_hash = ?', [userId, codeHash])) !== 1)
          return false;
        await insertEvent(tx, event);
        return true;
      }),
    replaceRecoveryCodes: (userId, codeHashes, event) =>
      db.transaction(async (tx) => {
        const linked = await tx.get(
          `SELECT 1 AS found FROM users WHERE id = ? AND (totp_secret_sealed IS NOT NULL OR EXISTS (SELECT 1 FROM passkeys WHERE user_id = ?))${db.dialect.forUpdate}`,
          [userId, userId],
        );
        if (!linked) return false;
        await tx.run('DELETE FROM recovery_codes WHERE user_id = ?', [userId]);
        for (const hash of codeHashes)
          await tx.run('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)', [userId, hash]);
        await insertEvent(tx, event);
        return true;
      }),
  };
}
