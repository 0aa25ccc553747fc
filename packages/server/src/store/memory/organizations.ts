import type { MemoryState } from './memory-state.ts';
import type { OrganizationStore } from '../store.ts';
import { enforcementBinds } from '../mfa-enforcement.ts';

/** The memory store's organizations, as `store/sql/organizations-sql.ts` has them in SQL. */
export function organizationsInMemory(state: MemoryState): OrganizationStore {
  const { orgs, users, passkeys, sessions, copy, log, usernameTaken, removeSession } = state;
  return {
    async createOrganization(org, root) {
      if (orgs.has(org.id) || usernameTaken(root.username)) return 'conflict';
      orgs.set(org.id, { ...org });
      users.set(root.id, { ...root });
      return 'created';
    },
    async getOrganization(id) {
      return copy(orgs.get(id));
    },
    async isEmpty() {
      return orgs.size === 0;
    },
    async setOrgPolicy(orgId, policy, at, event, keepSession) {
      const org = orgs.get(orgId);
      if (!org) throw new Error('Unknown organization');
      if (policy.phishingResistant && !org.phishingResistant) {
        const roots = [...users.values()].filter((u) => u.orgId === orgId && u.role === 'root');
        if (!roots.some((u) => [...passkeys.values()].some((p) => p.userId === u.id))) return 'no_root_passkey';
      }
      const next = { ...org, ...policy, policyUpdatedAt: at };
      orgs.set(orgId, next);
      if (enforcementBinds(policy, at)) {
        for (const [hash, s] of sessions) {
          if (!s.mfaPassed && hash !== keepSession && users.get(s.userId)?.orgId === orgId) removeSession(hash);
        }
      }
      log(event(org));
      return { ...next };
    },
    async listOrganizations() {
      return [...orgs.values()]
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
        .map((o) => ({ ...o }));
    },
  };
}
