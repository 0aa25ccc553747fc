import type { ThrottleRule } from './records.ts';

/**
 * How long a key must wait after its `failures`-th counted attempt: nothing for the free ones,
 * then doubling delays, then the lock. Shared by every adapter so they pace identically.
 */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures >= rule.lockAfter) return rule.lockMs;
  if (failures < rule.freeAttempts) return 0;
  return Math.min(rule.baseDelayMs * 2 ** (failures - rule.freeAttempts), rule.maxDelayMs);
}

/**
 * When the key may try again after its `failures`-th attempt at `at`: 0 (at once) while it owes
 * no wait. Not `at` itself: a request on another instance, or one that read the clock a moment
 * earlier and waited for the row, must not find a wait of a few milliseconds that nobody owes.
 */
export function nextAllowedAt(at: number, failures: number, rule: ThrottleRule): number {
  const delay = delayAfter(failures, rule);
  return delay === 0 ? 0 : at + delay;
}
