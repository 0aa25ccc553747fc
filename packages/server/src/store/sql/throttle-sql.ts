import type { ThrottleRule } from '../records.ts';
import type { ThrottleStore } from '../store.ts';
import { nextAllowedAt } from '../throttle-math.ts';
import type { SqlDatabase } from './sql-database.ts';

/**
 * Throttle counters, shared by every instance on the database. A reservation is one transaction
 * that makes sure the key's row exists, locks it, and counts the attempt, so parallel attempts on
 * any instance queue on the row and none slips past the limit.
 */
export function throttleQueries(db: SqlDatabase): ThrottleStore {
  return {
    reserveAttempt: (key, now, rule) =>
      db.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO attempts (key, failures, next_allowed_at, updated_at) VALUES (?, 0, 0, ?) ON CONFLICT (key) DO NOTHING',
          [key, now],
        );
        const row = await tx.get<{ failures: unknown; next_allowed_at: unknown; updated_at: unknown }>(
          `SELECT failures, next_allowed_at, updated_at FROM attempts WHERE key = ?${db.dialect.forUpdate}`,
          [key],
        );
        const fresh = !row || now - Number(row.updated_at) >= rule.forgetAfterMs;
        const failures = fresh ? 0 : Number(row.failures);
        const waitUntil = fresh ? 0 : Number(row.next_allowed_at);
        if (now < waitUntil) return { allowed: false as const, retryAfterMs: waitUntil - now };
        await tx.run('UPDATE attempts SET failures = ?, next_allowed_at = ?, updated_at = ? WHERE key = ?', [
          failures + 1,
          nextAllowedAt(now, failures + 1, rule),
          now,
          key,
        ]);
        return { allowed: true as const, failures: failures + 1 };
      }),
    releaseAttempt: (key: string, rule: ThrottleRule) =>
      db.transaction(async (tx) => {
        const row = await tx.get<{ failures: unknown; updated_at: unknown }>(
          'UPDATE attempts SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END WHERE key = ? RETURNING failures, updated_at',
          [key],
        );
        if (row)
          await tx.run('UPDATE attempts SET next_allowed_at = ? WHERE key = ?', [
            nextAllowedAt(Number(row.updated_at), Number(row.failures), rule),
            key,
          ]);
      }),
    async clearAttempts(key) {
      await db.run('DELETE FROM attempts WHERE key = ?', [key]);
    },
  };
}
