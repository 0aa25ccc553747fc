import type { NewSecurityEvent, OrganizationRecord, OrgPolicyValues, UserRecord } from '../records.ts';

/** Organizations and their MFA policy. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface OrganizationStore {
  createOrganization(org: OrganizationRecord, root: UserRecord): Promise<'created' | 'conflict'>;
  getOrganization(id: string): Promise<OrganizationRecord | null>;
  isEmpty(): Promise<boolean>;
  /**
   * Replaces the policy, with the organization's row locked, and records `event(before)` (the
   * policy it replaced) in the same transaction. A policy that binds at once (enforcing without
   * a deadline) also ends every session of the organization that did not pass MFA, except
   * `keepSession` (the root's own, which is changing the policy; null when an API key changes
   * it). A deadline ahead ends nobody's session: those end at the deadline (sessions.ts).
   * Turning the phishing-resistant level on needs a root user with a passkey, read under the
   * lock (`no_root_passkey` otherwise, and nothing changes), so the organization never shuts out
   * its last root.
   */
  setOrgPolicy(
    orgId: string,
    policy: OrgPolicyValues,
    at: number,
    event: (before: OrganizationRecord) => NewSecurityEvent,
    keepSession: string | null,
  ): Promise<OrganizationRecord | 'no_root_passkey'>;
  listOrganizations(): Promise<OrganizationRecord[]>;
}
