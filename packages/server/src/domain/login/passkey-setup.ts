import { newId, tokenHash } from '../../crypto/tokens.ts';
import { verifyRegistration, type RelyingParty } from '../../crypto/webauthn.ts';
import type { Services } from '../../services.ts';
import type { PasskeyRecord } from '../../store/store.ts';
import { DomainError } from '../errors.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { authMethods } from '../sessions/auth-methods.ts';
import { newSession } from '../sessions/sessions.ts';
import {
  addressSubject,
  attemptsFailed,
  attemptsSucceeded,
  reserveAttempts,
  type ThrottleSubject,
} from '../throttle.ts';
import { countingWrongCodes, type MfaStepOutcome } from './mfa-step.ts';

/**
 * `POST /login/passkey/setup` (#30): the passkey a phishing-resistant organization asks for,
 * registered to finish a sign-in whose password and app or recovery code were proven. Only a
 * `passkey_setup` challenge is answered here, once: the passkey is added beside the person's
 * other factors (their recovery codes stay) and the session made in one transaction. A failed
 * registration counts like a wrong code, against the challenge, the account and the address.
 */
export async function finishPasskeySetup(
  services: Services,
  rp: RelyingParty,
  input: { challengeId: string; webauthn: unknown },
  meta: RequestMeta,
): Promise<MfaStepOutcome> {
  const { store, clock } = services;
  const idHash = tokenHash(input.challengeId);
  const challenge = await store.getChallenge(idHash);
  const user = challenge && (await store.getUser(challenge.userId));
  const org = user && (await store.getOrganization(user.orgId));
  if (challenge?.kind !== 'passkey_setup' || !user || !org || clock.now() >= challenge.expiresAt) {
    throw new DomainError('challenge_expired');
  }
  const subjects: ThrottleSubject[] = [{ kind: 'account-code', userId: user.id }, ...addressSubject(meta, 'code')];
  return countingWrongCodes(services, challenge, user, meta, async () => {
    const attempts = await reserveAttempts(services, subjects);
    const credential =
      challenge.webauthnChallenge === null
        ? null
        : await verifyRegistration(rp, input.webauthn, challenge.webauthnChallenge);
    if (!credential) {
      await attemptsFailed(services, attempts, user, meta);
      throw new DomainError('invalid_code', { detail: 'The passkey could not be verified.' });
    }
    const now = clock.now();
    const passkey: PasskeyRecord = {
      id: newId('pk', services.random),
      userId: user.id,
      ...credential,
      name: `Passkey ${user.passkeyCount + 1}`,
      createdAt: now,
      lastUsedAt: now,
    };
    // What the sign-in proved: the password and a code; the new passkey answers from the next one.
    const session = newSession(services, user, authMethods.passwordAndCode, meta);
    const events = [securityEvent('passkey_added', now, meta, user), securityEvent('login_succeeded', now, meta, user)];
    if (!(await store.finishPasskeySetup(idHash, passkey, session.record, events))) {
      throw new DomainError('challenge_expired', { detail: 'This sign-in ended meanwhile; start again.' });
    }
    await attemptsSucceeded(services, attempts);
    return {
      status: 'authenticated' as const,
      session,
      user: { ...user, mfaEnabled: true, passkeyCount: user.passkeyCount + 1 },
      org,
      tokenType: challenge.tokenType,
    };
  });
}
