import type { ApiKeyBudget, ApiKeyRecord, ApiKeyUse, NewSecurityEvent } from '../records.ts';

/** Organization API keys (#19). Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface ApiKeyStore {
  createApiKey(key: ApiKeyRecord, event: NewSecurityEvent): Promise<void>;
  /** The organization's keys, oldest first, expired ones included (they show as expired). */
  listApiKeys(orgId: string): Promise<ApiKeyRecord[]>;
  /** Deletes one of the organization's keys; false when it has none by that id. */
  revokeApiKey(orgId: string, id: string, event: NewSecurityEvent): Promise<boolean>;
  /**
   * One request with the key of this hash, unless it is unknown, revoked or expired at `now`
   * (null): counts it against the key's budget in the same statement (every instance shares the
   * count) and notes the key's last use.
   */
  useApiKey(keyHash: string, now: number, budget: ApiKeyBudget): Promise<ApiKeyUse | null>;
}
