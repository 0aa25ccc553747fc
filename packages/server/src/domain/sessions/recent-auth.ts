import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import { hasSecondFactor, secondFactorDue } from '../mfa/mfa-state.ts';
import type { Authenticated } from './sessions.ts';

/**
 * Sensitive changes need a recent proof of identity (docs/architecture.md, security rule 22, docs/architecture.md): within the
 * re-authentication window, and with the second factor whenever the account has one. There is
 * no way down to the password alone: while MFA is required and nothing is linked, the answer
 * is `reauth_required` until the person has enrolled. Only an account without MFA at all proves
 * itself with the password.
 */
export function requireRecentAuth(services: Services, auth: Authenticated): void {
  const { session, user, org } = auth;
  const now = services.clock.now();
  const recent = now < session.reauthAt + services.settings.reauthWindowMs;
  const linked = hasSecondFactor(user);
  // Before an organization's deadline a member without a factor still proves it with the password (#30).
  if (!linked && secondFactorDue(user, org, now)) {
    throw new DomainError('reauth_required', {
      detail: 'Set up your authenticator app first; this change then needs a code from it.',
      errors: [{ path: 'enrollment', code: 'mfa_setup_required', message: 'Set up your authenticator app first.' }],
    });
  }
  if (recent && (!linked || session.reauthSecondFactor)) return;
  // The field errors tell a client what to ask for: the password, and the code where a factor is
  // linked; a passkey, where there is one, answers for both.
  throw new DomainError('reauth_required', {
    detail: linked
      ? 'Confirm with your password and an authenticator or recovery code, or with a passkey.'
      : 'Confirm with your password.',
    errors: [
      { path: 'password', code: 'required', message: 'Your password is needed.' },
      ...(linked
        ? [
            {
              path: 'code',
              code: 'required',
              message: 'A code from your authenticator app or a recovery code is needed.',
            },
          ]
        : []),
      ...(user.passkeyCount > 0
        ? [{ path: 'webauthn', code: 'accepted', message: 'Or confirm with one of your passkeys.' }]
        : []),
    ],
  });
}

/**
 * A recent proof with what the account has: the second factor where one is linked
 * (`requireRecentAuth`), the password alone while none is (adding the first factor, or turning
 * MFA off before anything was linked: there is no factor to ask for).
 */
export function requireRecentProof(services: Services, auth: Authenticated): void {
  if (hasSecondFactor(auth.user)) requireRecentAuth(services, auth);
  else requireRecentPassword(services, auth);
}

/**
 * A recent proof of the password, for the one step that comes before a second factor exists:
 * starting "Set up now" (a stolen cookie alone must not link an attacker's authenticator).
 */
export function requireRecentPassword(services: Services, auth: Authenticated): void {
  if (services.clock.now() < auth.session.reauthAt + services.settings.reauthWindowMs) return;
  throw new DomainError('reauth_required', {
    detail: 'Confirm with your password.',
    errors: [{ path: 'password', code: 'required', message: 'Your password is needed.' }],
  });
}
