import type { Clock } from '../ports.ts';
import type { Store } from '../store/store.ts';
import { throttleRule } from './throttle-rules.ts';

const everyMs = 10 * 60_000;
/** How long finished webhook deliveries stay visible (`GET …/deliveries`, the support desk). */
export const deliveriesKeptMs = 30 * 24 * 60 * 60_000;

/**
 * Deletes expired challenges and sessions, forgotten throttle counters and old webhook
 * deliveries, at most every ten
 * minutes, on the back of a login. Without it, abandoned logins and guesses at random usernames
 * would grow the database without bound.
 */
export function createHousekeeping({ store, clock, idleMs }: { store: Store; clock: Clock; idleMs: number }) {
  let last = Number.NEGATIVE_INFINITY;
  return async function housekeeping(): Promise<void> {
    const now = clock.now();
    if (now - last < everyMs) return;
    last = now;
    await store.prune(now, { idleMs, forgetAfterMs: throttleRule.forgetAfterMs, deliveriesKeptMs });
  };
}
