import type { PasskeyLoginStart, TokenType } from '@portcullis/sdk/contract';
import { newToken, tokenHash } from '../crypto/tokens.ts';
import { authenticationOptions, ceremonyTimeoutMs, newChallenge, type RelyingParty } from '../crypto/webauthn.ts';
import { ProblemError } from '../http/problem.ts';
import type { Services } from '../services.ts';
import type { OrganizationRecord, UserRecord } from '../store/store.ts';
import { securityEvent, type RequestMeta } from './events.ts';
import { verifyPasskeyAnswer } from './passkey-assertion.ts';
import { newSession, type NewSession } from './sessions.ts';
import { addressSubject, attemptsFailed, attemptsSucceeded, reserveAttempts } from './throttle.ts';

/**
 * The start of a sign-in with a passkey alone: request options with no allowed credentials (the
 * authenticator offers its discoverable ones) and a single-use challenge, like a login challenge.
 */
export async function startPasskeyLogin(services: Services, rp: RelyingParty): Promise<PasskeyLoginStart> {
  const id = newToken(services.random);
  const challenge = newChallenge(services.random);
  await services.store.createWebauthnChallenge({
    idHash: tokenHash(id),
    purpose: 'login',
    userId: null,
    sessionHash: null,
    challenge,
    expiresAt: services.clock.now() + ceremonyTimeoutMs,
  });
  return { challengeId: id, options: { ...(await authenticationOptions(rp, null, challenge)) } };
}

/**
 * A passkey with user verification is both factors at once: the answer signs in fully (a session
 * that passed MFA). Attempts count per client address; a refused answer is
 * `invalid_credentials`, like a wrong password, and names nothing about the credential.
 */
export async function finishPasskeyLogin(
  services: Services,
  rp: RelyingParty,
  input: { challengeId: string; response: unknown; tokenType: TokenType },
  meta: RequestMeta,
): Promise<{ session: NewSession; user: UserRecord; org: OrganizationRecord; tokenType: TokenType }> {
  const attempts = await reserveAttempts(services, addressSubject(meta, 'password'));
  const pending = await services.store.consumeWebauthnChallenge({ idHash: tokenHash(input.challengeId) });
  if (!pending || pending.purpose !== 'login' || services.clock.now() >= pending.expiresAt) throw new ProblemError('challenge_expired');
  let verified;
  try {
    verified = await verifyPasskeyAnswer(services, rp, { user: null, challenge: pending.challenge }, input.response, meta, 'invalid_credentials');
  } catch (error) {
    await attemptsFailed(services, attempts, null, meta);
    throw error;
  }
  const { user } = verified;
  const org = await services.store.getOrganization(user.orgId);
  if (!org) throw new Error('User without organization');
  const session = newSession(services, user, { mfaPassed: true }, meta);
  await services.store.createSession(session.record, securityEvent('login_succeeded', services.clock.now(), meta, user));
  await attemptsSucceeded(services, attempts);
  return { session, user, org, tokenType: input.tokenType };
}
