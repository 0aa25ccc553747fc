import type { MfaState } from '@portcullis/sdk/contract';
import { ProblemError } from '../http/problem.ts';
import type { Services } from '../services.ts';
import { securityEvent, type RequestMeta } from './events.ts';
import { currentMfaState } from './profile.ts';
import { requireRecentAuth } from './recent-auth.ts';
import type { Authenticated } from './sessions.ts';

/**
 * The user's own MFA switch. Turning it on changes nothing else: the authenticator is linked at
 * the next login. Turning it off is refused while the organization enforces MFA, root included
 * (`mfa_enforced`, SECURITY.md 22), needs a recent login with the second factor, and unlinks the
 * authenticator and its recovery codes, so turning it on again links a fresh secret.
 */
export async function setMfaEnabled(
  services: Services,
  auth: Authenticated,
  enabled: boolean,
  meta: RequestMeta,
): Promise<MfaState> {
  const { store, clock } = services;
  const { user, org } = auth;
  if (enabled) {
    if (!user.mfaEnabled) await store.setMfaEnabled(user.id, true, securityEvent('mfa_enabled', clock.now(), meta, user));
  } else if (user.mfaEnabled) {
    if (org.enforceMfa) {
      throw new ProblemError('mfa_enforced', { detail: 'Your organization requires MFA for every user.' });
    }
    requireRecentAuth(services, auth, 'second-factor');
    await store.unlinkMfa(user.id, { disable: true, endSessions: false }, securityEvent('mfa_disabled', clock.now(), meta, user));
  } else if (org.enforceMfa) {
    // Off already, but the policy still binds: say so rather than pretend the switch did something.
    throw new ProblemError('mfa_enforced', { detail: 'Your organization requires MFA for every user.' });
  }
  return currentMfaState(services, user, org);
}
