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
