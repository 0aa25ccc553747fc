/** Deleting what can no longer be used, and the connection itself. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface HousekeepingStore {
  /**
   * Deletes what can no longer be used: challenges past their end, sessions past their absolute
   * end or idle for `idleMs`, throttle counters untouched for `forgetAfterMs`, and webhook
   * deliveries no longer pending made more than `deliveriesKeptMs` ago, with their tries (#20).
   * Returns how many rows went.
   */
  prune(now: number, limits: { idleMs: number; forgetAfterMs: number; deliveriesKeptMs: number }): Promise<number>;
  /** Answers when the storage can be reached; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
