import type { Services } from '../../services.ts';
import type { ApiKeyRecord, OrganizationRecord } from '../../store/store.ts';
import type { EventActor } from '../events.ts';
import { requireRecentAuth } from '../sessions/recent-auth.ts';
import type { Authenticated } from '../sessions/sessions.ts';

/**
 * Who calls an organization endpoint (`access: 'org'` in the route table): the root user in a
 * session, or one of the organization's API keys (the admin API, #19; docs/architecture.md).
 */
export type OrgCaller =
  | { kind: 'root'; org: OrganizationRecord; auth: Authenticated }
  | { kind: 'api_key'; org: OrganizationRecord; key: ApiKeyRecord };

/** The actor an event names: the root user, or the key as `api_key:<id> (<name>)`. */
export function actorOf(caller: OrgCaller): EventActor {
  return caller.kind === 'root' ? caller.auth.user : keyRef(caller.key);
}

/** A key as events name it, as actor or as the key created or revoked. */
export const keyRef = (key: ApiKeyRecord): EventActor => ({
  id: key.id,
  username: `api_key:${key.id} (${key.name})`,
  orgId: key.orgId,
});

/**
 * Sensitive changes by the root need a recent proof (security rule 22); a key is the proof
 * itself: it is a secret the organization's backend holds, never a browser's ambient cookie, and
 * it is scoped to these endpoints (security rule 31).
 */
export function requireRecentCaller(services: Services, caller: OrgCaller): void {
  if (caller.kind === 'root') requireRecentAuth(services, caller.auth);
}

/** The caller's own session, kept when a change ends others; a key has none. */
export const callerSession = (caller: OrgCaller): string | null =>
  caller.kind === 'root' ? caller.auth.session.tokenHash : null;
