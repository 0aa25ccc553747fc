import type { NewSecurityEvent, SecurityEventRecord } from '../records.ts';

/** Security events: the audit log. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface EventStore {
  appendEvent(event: NewSecurityEvent): Promise<void>;
  listEvents(orgId: string, beforeId: number | null, limit: number): Promise<SecurityEventRecord[]>;
  /** Events of one organization (every one when null) at or after `since`, oldest first. */
  listEventsSince(orgId: string | null, since: number, limit: number): Promise<SecurityEventRecord[]>;
}
