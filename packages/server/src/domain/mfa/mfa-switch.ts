import type { MfaState } from '@portcullis/sdk/contract';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { passwordTooShortAlone } from '../password/password-policy.ts';
import { currentMfaState } from '../sessions/profile.ts';
import { requireRecentProof } from '../sessions/recent-auth.ts';
import type { Authenticated } from '../sessions/sessions.ts';

const enforced = () => new DomainError('mfa_enforced', { detail: 'Your organization requires MFA for every user.' });

/**
 * The user's own MFA switch. Turning it on ends the user's other sessions that did not pass a
 * second factor (security rule 18a); the authenticator is linked at the next login or with
 * "Set up now". Turning it off is refused while the organization
 * enforces MFA, root included (`mfa_enforced`, security rule 22, docs/architecture.md); needs a recent authentication
 * with the second factor (the password alone while nothing is linked yet: there is no factor
 * to ask for); is refused with `password_policy` while the password is too short to
 * stand alone (rule 1); and unlinks the authenticator, the passkeys and the recovery codes.
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
    if (!user.mfaEnabled)
      await store.setMfaEnabled(
        user.id,
        true,
        securityEvent('mfa_enabled', clock.now(), meta, user),
        auth.session.tokenHash,
      );
    return currentMfaState(services, user, org);
  }
  // Off already, but the policy still binds: say so rather than pretend the switch did something.
  if (org.enforceMfa) throw enforced();
  if (user.mfaEnabled) {
    requireRecentProof(services, auth);
    // Whether MFA may go (the policy, a password that can stand alone) the store decides under
    // the user's lock (rules 1, 22), as for the last passkey.
    const result = await store.unlinkMfa(
      user.id,
      { disable: true, endSessions: false, passkeys: true },
      securityEvent('mfa_disabled', clock.now(), meta, user),
    );
    if (result === 'mfa_enforced') throw enforced();
    if (result === 'password_too_short') throw passwordTooShortAlone();
  }
  return currentMfaState(services, user, org);
}
