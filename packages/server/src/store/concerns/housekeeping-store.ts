/** Deleting what can no longer be used, and the connection itself. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface HousekeepingStore {
  /**
   * Deletes what can no longer be used: challenges past their end, sessions past their absolute
   * end or idle for `idleMs`, and throttle counters untouched for `forgetAfterMs`. Returns how
   * many rows went.
   */
  prune(now: number, limits: { idleMs: number; forgetAfterMs: number }): Promise<number>;
  /** Answers when the storage can be reached; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
