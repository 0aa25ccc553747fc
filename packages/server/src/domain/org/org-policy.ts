import type { OrgPolicy } from '@portcullis/sdk/contract';
import type { Services } from '../../services.ts';
import type { OrganizationRecord } from '../../store/store.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { requireRecentAuth } from '../sessions/recent-auth.ts';
import type { Authenticated } from '../sessions/sessions.ts';

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
  auth: Authenticated,
  enforce: boolean,
  meta: RequestMeta,
): Promise<OrgPolicy> {
  requireRecentAuth(services, auth);
  const now = services.clock.now();
  const event = securityEvent('org_policy_changed', now, meta, auth.user, null);
  return orgPolicy(await services.store.setEnforceMfa(auth.org.id, enforce, now, event, auth.session.tokenHash));
}
