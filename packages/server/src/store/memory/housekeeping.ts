import type { MemoryState } from './memory-state.ts';
import type { HousekeepingStore } from '../store.ts';

/** The memory store's housekeeping, as `store/sql/housekeeping-sql.ts` has them in SQL. */
export function housekeepingInMemory(state: MemoryState): HousekeepingStore {
  const { sessions, challenges, attempts, ceremonies, signingKeys, removeSession } = state;
  return {
    async prune(now, { idleMs, forgetAfterMs }) {
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
        sweep(signingKeys, (k) => k.dropAfter !== null && k.dropAfter <= now)
      );
    },
    async ping() {},
    async close() {},
  };
}
