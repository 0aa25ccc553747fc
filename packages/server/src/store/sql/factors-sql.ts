import type { LastFactorRefusal } from '../store.ts';
import type { SqlDatabase, SqlExecutor } from './sql-database.ts';

/** A user's second factors as they stand inside the transaction that is about to change them. */
export interface FactorState {
  totp: boolean;
  passkeys: number;
  orgId: string;
  /** Whether the password meets the single-factor minimum, as the row says under the lock. */
  passwordSingleFactorOk: boolean;
}

/**
 * Locks the user's row, then reads their factors. Every transaction that adds or removes a factor
 * starts here, so on PostgreSQL two of them for one user run one after the other, and the second
 * reads what the first committed (each statement under READ COMMITTED sees the newest commit;
 * the lock is taken before the read). SQLite runs write transactions one at a time anyway.
 * Null when the user is gone.
 */
export async function lockFactors(db: SqlDatabase, tx: SqlExecutor, userId: string): Promise<FactorState | null> {
  const row = await tx.get<{ totp: unknown; org_id: string; strong: unknown }>(
    `SELECT CASE WHEN totp_secret_sealed IS NULL THEN 0 ELSE 1 END AS totp, org_id, password_single_factor_ok AS strong
     FROM users WHERE id = ?${db.dialect.forUpdate}`,
    [userId],
  );
  if (!row) return null;
  const count = await tx.get<{ n: unknown }>('SELECT count(*) AS n FROM passkeys WHERE user_id = ?', [userId]);
  return {
    totp: Number(row.totp) === 1,
    passkeys: Number(count?.n ?? 0),
    orgId: row.org_id,
    passwordSingleFactorOk: Number(row.strong) === 1,
  };
}

export const hasFactor = (state: FactorState): boolean => state.totp || state.passkeys > 0;

/**
 * Whether the user's last factor may go, read under the factor lock (security rules 1 and 22):
 * not while the organization enforces MFA (its row is share-locked, so enforcing waits for this
 * transaction or this one reads the policy it set), and not while the password is too short to
 * stand alone (a short password set meanwhile took the same user lock).
 */
export async function lastFactorRefusal(
  db: SqlDatabase,
  tx: SqlExecutor,
  state: FactorState,
): Promise<LastFactorRefusal | null> {
  const org = await tx.get<{ enforce_mfa: unknown }>(
    `SELECT enforce_mfa FROM organizations WHERE id = ?${db.dialect.forShare}`,
    [state.orgId],
  );
  if (Number(org?.enforce_mfa) === 1) return 'mfa_enforced';
  return state.passwordSingleFactorOk ? null : 'password_too_short';
}

/**
 * A change to the user's factors ends every pending login and enrollment challenge of theirs:
 * one issued before it was decided for the factors as they were (an enrollment offered to
 * whoever knew the password, say), and must not be answered afterwards.
 */
export async function endPendingChallenges(tx: SqlExecutor, userId: string): Promise<void> {
  await tx.run('DELETE FROM challenges WHERE user_id = ?', [userId]);
}

/**
 * Linking a factor or turning MFA on ends every other session of the user that never passed a
 * second factor (security rule 18a): one opened with the password alone, perhaps by someone
 * who learnt it, must not outlive the factor meant to keep them out.
 */
export async function endSingleFactorSessions(tx: SqlExecutor, userId: string, keep: string | null): Promise<void> {
  await tx.run('DELETE FROM sessions WHERE user_id = ? AND mfa_passed = 0 AND token_hash IS DISTINCT FROM ?', [
    userId,
    keep,
  ]);
}
