import type { SessionEnrollment } from '@portcullis/sdk/contract';
import { newToken, tokenHash } from '../../crypto/tokens.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import { completeEnrollment, newEnrollment } from './enrollment.ts';
import type { RequestMeta } from '../events.ts';
import { challengeTtlMs } from '../login/sign-in.ts';
import { mfaSummary } from './mfa-state.ts';
import { countingWrongCodes } from '../login/mfa-step.ts';
import { requireRecentPassword } from '../sessions/recent-auth.ts';
import type { Authenticated } from '../sessions/sessions.ts';
import { refuseAppUnderLevel } from './passkeys-only.ts';

function assertNeedsEnrollment(auth: Authenticated): void {
  // The app is added here; passkeys have their own list, and may already be there.
  if (auth.user.totpSecretSealed !== null) {
    throw new DomainError('conflict', { detail: 'An authenticator app is already linked; reset MFA to link another.' });
  }
  // An enrollment links the first factor only (rule 11): with a passkey, say so now rather than
  // let the confirmation fail.
  if (auth.user.passkeyCount > 0) {
    throw new DomainError('conflict', {
      detail: 'A passkey is linked already; sign in with it, or add another passkey.',
    });
  }
  refuseAppUnderLevel(auth.org);
  if (!mfaSummary(auth.user, auth.org).required) {
    throw new DomainError('conflict', { detail: 'Turn MFA on first.' });
  }
}

/**
 * "Set up now": enrolls an authenticator inside a session, for a user whose MFA is required and
 * not linked, instead of at the next login. Needs a recent password, so a stolen cookie alone
 * cannot link an attacker's app. The secret waits, sealed, in a challenge bound to this session
 * (a new start replaces it) for five minutes.
 */
export async function startSessionEnrollment(services: Services, auth: Authenticated): Promise<SessionEnrollment> {
  assertNeedsEnrollment(auth);
  requireRecentPassword(services, auth);
  const { enrollment, sealed } = await newEnrollment(services, auth.user);
  const expiresAt = services.clock.now() + challengeTtlMs;
  await services.store.createChallenge({
    idHash: tokenHash(newToken(services.random)),
    userId: auth.user.id,
    kind: 'enroll',
    pendingSecretSealed: sealed,
    tokenType: auth.tokenType,
    failures: 0,
    expiresAt,
    sessionHash: auth.session.tokenHash,
    webauthnChallenge: null,
  });
  return { ...enrollment, expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * Links the authenticator with its first code and answers the recovery codes; the session then
 * counts as having passed MFA, and the user's switch is on. Codes count under the session.
 */
export async function confirmSessionEnrollment(
  services: Services,
  auth: Authenticated,
  code: string,
  meta: RequestMeta,
): Promise<string[]> {
  assertNeedsEnrollment(auth);
  const { user, session } = auth;
  const challenge = await services.store.getSessionEnrollment(session.tokenHash);
  if (!challenge || services.clock.now() >= challenge.expiresAt) {
    throw new DomainError('challenge_expired', { detail: 'The setup expired; start it again.' });
  }
  const { recoveryCodes } = await countingWrongCodes(services, challenge, user, meta, () =>
    completeEnrollment(services, challenge, user, code, { upgrade: session.tokenHash }, meta, [
      { kind: 'session', sessionHash: session.tokenHash, factor: 'code' },
    ]),
  );
  return recoveryCodes;
}
