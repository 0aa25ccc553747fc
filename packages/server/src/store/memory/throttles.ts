import type { MemoryState } from './memory-state.ts';
import type { ThrottleStore } from '../store.ts';
import { nextAllowedAt } from '../throttle-math.ts';

/** The memory store's throttles, as `store/sql/throttle-sql.ts` has them in SQL. */
export function throttlesInMemory(state: MemoryState): ThrottleStore {
  const { attempts } = state;
  return {
    async reserveAttempt(key, now, rule) {
      const previous = attempts.get(key);
      const current =
        previous && now - previous.updatedAt < rule.forgetAfterMs
          ? previous
          : { failures: 0, nextAllowedAt: 0, updatedAt: now };
      if (now < current.nextAllowedAt) return { allowed: false, retryAfterMs: current.nextAllowedAt - now };
      const failures = current.failures + 1;
      attempts.set(key, { failures, nextAllowedAt: nextAllowedAt(now, failures, rule), updatedAt: now });
      return { allowed: true, failures };
    },
    async releaseAttempt(key, rule) {
      const current = attempts.get(key);
      if (!current) return;
      const failures = Math.max(0, current.failures - 1);
      attempts.set(key, { ...current, failures, nextAllowedAt: nextAllowedAt(current.updatedAt, failures, rule) });
    },
    async clearAttempts(key) {
      attempts.delete(key);
    },
  };
}
