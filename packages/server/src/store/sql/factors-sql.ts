import type { SqlDatabase, SqlExecutor } from './sql-database.ts';

/** A user's second factors as they stand inside the transaction that is about to change them. */
export interface FactorState {
  totp: boolean;
  passkeys: number;
}

/**
 * Locks the user's row, then reads their factors. Every transaction that adds or removes a factor
 * starts here, so on PostgreSQL two of them for one user run one after the other, and the second
 * reads what the first committed (each statement under READ COMMITTED sees the newest commit;
 * the lock is taken before the read). SQLite runs write transactions one at a time anyway.
 * Null when the user is gone.
 */
export async function lockFactors(db: SqlDatabase, tx: SqlExecutor, userId: string): Promise<FactorState | null> {
  const row = await tx.get<{ totp: unknown }>(
    `SELECT CASE WHEN totp_secret_sealed IS NULL THEN 0 ELSE 1 END AS totp FROM users WHERE id = ?${db.dialect.forUpdate}`,
    [userId],
  );
  if (!row) return null;
  const count = await tx.get<{ n: unknown }>('SELECT count(*) AS n FROM passkeys WHERE user_id = ?', [userId]);
  return { totp: Number(row.totp) === 1, passkeys: Number(count?.n ?? 0) };
}

export const hasFactor = (state: FactorState): boolean => state.totp || state.passkeys > 0;

/**
 * A change to the user's factors ends every pending login and enrollment challenge of theirs:
 * one issued before it was decided for the factors as they were (an enrollment offered to
 * whoever knew the password, say), and must not be answered afterwards.
 */
export async function endPendingChallenges(tx: SqlExecutor, userId: string): Promise<void> {
  await tx.run('DELETE FROM challenges WHERE user_id = ?', [userId]);
}
