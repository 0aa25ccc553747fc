import type { OrgPolicy } from '@portcullis/sdk/contract';
import type { Services } from '../../services.ts';
import type { OrganizationRecord } from '../../store/store.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { actorOf, callerSession, requireRecentCaller, type OrgCaller } from './org-caller.ts';

export const orgPolicy = (org: OrganizationRecord): OrgPolicy => ({
  enforceMfa: org.enforceMfa,
  updatedAt: new Date(org.policyUpdatedAt).toISOString(),
});

/**
 * Enforcing MFA binds every user, root included, from their next login, and ends every session
 * that did not pass MFA except the root's current one (rule 11); lifting it leaves each user's
 * own switch as it was, and everyone who enrolled turned theirs on by enrolling. A sensitive
 * change: recent authentication with the second factor.
 */
export async function setEnforceMfa(
  services: Services,
  caller: OrgCaller,
  enforce: boolean,
  meta: RequestMeta,
): Promise<OrgPolicy> {
  requireRecentCaller(services, caller);
  const now = services.clock.now();
  const event = securityEvent('org_policy_changed', now, meta, actorOf(caller), null);
  return orgPolicy(await services.store.setEnforceMfa(caller.org.id, enforce, now, event, callerSession(caller)));
}
