import type { ThrottleDecision, ThrottleRule } from '../records.ts';

/** Throttling, shared by every instance that uses the same database. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface ThrottleStore {
  /** Counts one attempt on `key` up front, unless the key is waiting; see ThrottleRule. */
  reserveAttempt(key: string, now: number, rule: ThrottleRule): Promise<ThrottleDecision>;
  /** Takes back one reserved attempt that turned out a success (for keys a success must not clear). */
  releaseAttempt(key: string, rule: ThrottleRule): Promise<void>;
  clearAttempts(key: string): Promise<void>;
}
