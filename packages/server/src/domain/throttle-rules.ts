import type { ThrottleRule } from '../store/store.ts';

const minute = 60_000;

/**
 * Failed passwords and failed codes are paced per account, separately (security rule 6, docs/architecture.md):
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

/**
 * Per client address, beside the per-account counters, so one address cannot spray guesses over
 * many accounts. Generous, because offices share an address: 30 free failures, then delays
 * doubling up to a minute, and a 15-minute lock at 300. Successes give their attempt back.
 */
export const addressRule: ThrottleRule = {
  freeAttempts: 30,
  baseDelayMs: 1000,
  maxDelayMs: minute,
  lockAfter: 300,
  lockMs: 15 * minute,
  forgetAfterMs: 60 * minute,
};
