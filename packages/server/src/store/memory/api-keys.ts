import type { ApiKeyRecord, ApiKeyStore } from '../store.ts';
import type { MemoryState } from './memory-state.ts';

/** The memory store's API keys, as `store/sql/api-keys-sql.ts` has them in SQL. */
export function apiKeysInMemory(state: MemoryState): ApiKeyStore {
  const { apiKeys, orgs, copy, log } = state;
  const record = (k: ApiKeyRecord): ApiKeyRecord => ({
    id: k.id,
    orgId: k.orgId,
    name: k.name,
    keyHash: k.keyHash,
    createdAt: k.createdAt,
    expiresAt: k.expiresAt,
    lastUsedAt: k.lastUsedAt,
  });
  return {
    async createApiKey(key, event) {
      apiKeys.set(key.id, { ...key, windowStart: 0, windowCount: 0 });
      log(event);
    },
    async listApiKeys(orgId) {
      return [...apiKeys.values()]
        .filter((k) => k.orgId === orgId)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .map(record);
    },
    async revokeApiKey(orgId, id, event) {
      if (apiKeys.get(id)?.orgId !== orgId) return false;
      apiKeys.delete(id);
      log(event);
      return true;
    },
    async useApiKey(keyHash, now, budget) {
      const key = [...apiKeys.values()].find((k) => k.keyHash === keyHash);
      if (!key || (key.expiresAt !== null && key.expiresAt <= now)) return null;
      const fresh = key.windowStart <= now - budget.windowMs;
      const next = {
        ...key,
        windowStart: fresh ? now : key.windowStart,
        windowCount: fresh ? 1 : key.windowCount + 1,
        lastUsedAt: now,
      };
      apiKeys.set(key.id, next);
      const org = copy(orgs.get(key.orgId));
      if (!org) return null;
      return {
        key: record(next),
        org,
        retryAfterMs: next.windowCount > budget.limit ? next.windowStart + budget.windowMs - now : null,
      };
    },
  };
}
