import type { MemoryState } from './memory-state.ts';
import type { HousekeepingStore } from '../store.ts';

/** The memory store's housekeeping, as `store/sql/housekeeping-sql.ts` has them in SQL. */
export function housekeepingInMemory(state: MemoryState): HousekeepingStore {
  const { sessions, challenges, attempts, ceremonies, signingKeys, deliveries, webhookAttempts, removeSession } = state;
  /** Deliveries no longer pending made before `before`, with their tries (as the SQL foreign key does). */
  const pruneDeliveries = (before: number) => {
    let removed = 0;
    for (const [id, d] of deliveries) {
      if (d.status !== 'pending' && d.createdAt <= before) {
        deliveries.delete(id);
        removed++;
        for (let i = webhookAttempts.length - 1; i >= 0; i--)
          if (webhookAttempts[i]!.deliveryId === id) webhookAttempts.splice(i, 1);
      }
    }
    return removed;
  };
  return {
    async prune(now, { idleMs, forgetAfterMs, deliveriesKeptMs }) {
      const sweep = <V>(
        map: Map<string, V>,
        gone: (value: V) => boolean,
        remove: (key: string) => void = (key) => void map.delete(key),
      ) => {
        let removed = 0;
        for (const [key, value] of map) {
          if (gone(value)) {
            remove(key);
            removed++;
          }
        }
        return removed;
      };
      return (
        sweep(challenges, (c) => c.expiresAt <= now) +
        sweep(ceremonies, (c) => c.expiresAt <= now) +
        sweep(sessions, (s) => s.expiresAt <= now || s.lastSeenAt + idleMs <= now, removeSession) +
        sweep(attempts, (a) => a.updatedAt + forgetAfterMs <= now) +
        sweep(signingKeys, (k) => k.dropAfter !== null && k.dropAfter <= now) +
        pruneDeliveries(now - deliveriesKeptMs)
      );
    },
    async ping() {},
    async close() {},
  };
}
