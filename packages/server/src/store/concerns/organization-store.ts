import type { NewSecurityEvent, OrganizationRecord, UserRecord } from '../records.ts';

/** Organizations and their MFA policy. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface OrganizationStore {
  createOrganization(org: OrganizationRecord, root: UserRecord): Promise<'created' | 'conflict'>;
  getOrganization(id: string): Promise<OrganizationRecord | null>;
  isEmpty(): Promise<boolean>;
  /**
   * Sets the policy. Enforcing also ends every session of the organization that did not pass
   * MFA, except `keepSession` (the root's own, which is changing the policy; null when an API
   * key changes it).
   */
  setEnforceMfa(
    orgId: string,
    enforce: boolean,
    at: number,
    event: NewSecurityEvent,
    keepSession: string | null,
  ): Promise<OrganizationRecord>;
  listOrganizations(): Promise<OrganizationRecord[]>;
}
