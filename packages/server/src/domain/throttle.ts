import { ProblemError } from '../http/problem.ts';
import type { Services } from '../services.ts';
import type { ThrottleRule } from '../store/store.ts';

const minute = 60_000;

/**
 * Failed passwords and failed codes are paced per account, separately (SECURITY.md item 6):
 * five free tries, then delays doubling from 1 s up to 15 min, and a one-hour lock at the 20th
 * failure, well below NIST's 100. Counters live in the store, so every instance shares them.
 */
export const throttleRule: ThrottleRule = {
  freeAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * minute,
  lockAfter: 20,
  lockMs: 60 * minute,
  forgetAfterMs: 24 * 60 * minute,
};

/** Password attempts are keyed by username, known or not, so both are throttled alike. */
export const passwordKey = (username: string) => `password:${username}`;
export const codeKey = (userId: string) => `code:${userId}`;

/** Counts an attempt before the check runs, so parallel guesses cannot slip past the limit. */
export async function reserveAttempt(services: Services, key: string): Promise<void> {
  const decision = await services.store.reserveAttempt(key, services.clock.now(), throttleRule);
  if (!decision.allowed) throw new ProblemError('rate_limited', { retryAfterMs: decision.retryAfterMs });
}

/** A success forgets the failures of that key. */
export function clearAttempts(services: Services, key: string): Promise<void> {
  return services.store.clearAttempts(key);
}
