import { maxMfaDeadlineDays, type OrgPolicy, type SetOrgPolicyRequest } from '@portcullis/sdk/contract';
import type { Services } from '../../services.ts';
import type { EventDetail, OrganizationRecord, OrgPolicyValues } from '../../store/store.ts';
import { DomainError, invalidField } from '../errors.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { actorOf, callerSession, requireRecentCaller, type OrgCaller } from './org-caller.ts';

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export const orgPolicy = (org: OrganizationRecord): OrgPolicy => ({
  enforceMfa: org.enforceMfa,
  mfaDeadline: iso(org.mfaDeadline),
  phishingResistant: org.phishingResistant,
  updatedAt: new Date(org.policyUpdatedAt).toISOString(),
});

const dayMs = 86_400_000;

/**
 * The policy a request asks for, or `invalid_request` naming the field (#30). A deadline must be
 * ahead, at most 365 days, and only with enforcement; sending back the deadline already set is
 * accepted as it is, passed or not, so a client may send what `GET` showed.
 */
export function requestedPolicy(
  request: SetOrgPolicyRequest,
  current: OrganizationRecord,
  now: number,
): OrgPolicyValues {
  const deadline = request.mfaDeadline == null ? null : Date.parse(request.mfaDeadline);
  if (deadline !== null && deadline !== current.mfaDeadline) {
    if (!(deadline > now)) throw invalidField('mfaDeadline', 'in_past', 'Choose a deadline in the future.');
    if (deadline > now + maxMfaDeadlineDays * dayMs) {
      throw invalidField('mfaDeadline', 'too_far', `Choose a deadline at most ${maxMfaDeadlineDays} days ahead.`);
    }
  }
  if (deadline !== null && !request.enforceMfa) {
    throw invalidField('mfaDeadline', 'needs_enforcement', 'A deadline applies only while MFA is enforced.');
  }
  const phishingResistant = request.phishingResistant ?? false;
  if (phishingResistant && !request.enforceMfa) {
    throw invalidField('phishingResistant', 'needs_enforcement', 'Passkeys only applies while MFA is enforced.');
  }
  return { enforceMfa: request.enforceMfa, mfaDeadline: deadline, phishingResistant };
}

/**
 * Replaces the organization's MFA policy (docs/architecture.md "Organization policy"). Enforcing
 * binds every user, root included: without a deadline from their next login, ending every
 * session that did not pass MFA except the root's current one (rule 11); with a deadline, members
 * without a factor are reminded until it and held to it from then on (#30), and nobody's session
 * ends now. Lifting it leaves each user's own switch as it was. A sensitive change: recent
 * authentication with the second factor. The event records the policy before and after.
 */
export async function setOrgPolicy(
  services: Services,
  caller: OrgCaller,
  request: SetOrgPolicyRequest,
  meta: RequestMeta,
): Promise<OrgPolicy> {
  requireRecentCaller(services, caller);
  const now = services.clock.now();
  const policy = requestedPolicy(request, caller.org, now);
  const event = (before: OrganizationRecord) => {
    const detail: EventDetail = {
      policy: {
        old: {
          enforceMfa: before.enforceMfa,
          mfaDeadline: before.mfaDeadline,
          phishingResistant: before.phishingResistant,
        },
        new: policy,
      },
    };
    return { ...securityEvent('org_policy_changed', now, meta, actorOf(caller), null), detail };
  };
  const set = await services.store.setOrgPolicy(caller.org.id, policy, now, event, callerSession(caller));
  if (set === 'no_root_passkey') {
    throw new DomainError('conflict', {
      detail: 'Passkeys only needs a root user with a passkey first, so the organization keeps a way in.',
      errors: [
        { path: 'phishingResistant', code: 'no_root_passkey', message: 'Add a passkey to the root user first.' },
      ],
    });
  }
  return orgPolicy(set);
}
