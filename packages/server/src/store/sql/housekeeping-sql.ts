import type { HousekeepingStore } from '../store.ts';
import type { SqlDatabase } from './sql-database.ts';

/**
 * Pruning, by one instance at a time: the transaction takes a database-wide lock first, and an
 * instance that finds it taken leaves the work to the one that has it.
 */
export function housekeepingQueries(db: SqlDatabase): Pick<HousekeepingStore, 'prune'> {
  return {
    prune: (now, { idleMs, forgetAfterMs, deliveriesKeptMs }) =>
      db.transaction(async (tx) => {
        if (!(await db.tryLock(tx, 'portcullis.housekeeping'))) return 0;
        return (
          (await tx.run('DELETE FROM challenges WHERE expires_at <= ?', [now])) +
          (await tx.run('DELETE FROM webauthn_challenges WHERE expires_at <= ?', [now])) +
          (await tx.run('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?', [now, now - idleMs])) +
          (await tx.run('DELETE FROM attempts WHERE updated_at <= ?', [now - forgetAfterMs])) +
          (await tx.run('DELETE FROM signing_keys WHERE drop_after <= ?', [now])) +
          (await tx.run("DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at <= ?", [
            now - deliveriesKeptMs,
          ]))
        );
      }),
  };
}
