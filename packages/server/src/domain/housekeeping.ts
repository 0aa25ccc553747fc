import type { Services } from '../services.ts';
import { throttleRule } from './throttle.ts';

const everyMs = 10 * 60_000;

/**
 * Deletes expired challenges and sessions and forgotten throttle counters, at most every ten
 * minutes, on the back of a login. Without it, abandoned logins and guesses at random usernames
 * would grow the database without bound.
 */
export function createHousekeeping(services: Services) {
  let last = Number.NEGATIVE_INFINITY;
  return async function housekeeping(): Promise<void> {
    const now = services.clock.now();
    if (now - last < everyMs) return;
    last = now;
    await services.store.prune(now, { idleMs: services.settings.sessionIdleTimeoutMs, forgetAfterMs: throttleRule.forgetAfterMs });
  };
}
