import { authMethods } from '../sessions/auth-methods.ts';
import type { PasskeyLoginStart, TokenType } from '@portcullis/sdk/contract';
import { hexToBytes } from '@noble/hashes/utils.js';
import { constantTimeEqual } from '../../crypto/constant-time.ts';
import { toBase64Url } from '../../crypto/encoding.ts';
import { tokenHash } from '../../crypto/tokens.ts';
import { authenticationOptions, ceremonyTimeoutMs, type RelyingParty } from '../../crypto/webauthn.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import type { OrganizationRecord, UserRecord } from '../../store/store.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { verifyPasskeyAnswer } from '../passkeys/passkey-assertion.ts';
import { newSession, type NewSession } from '../sessions/sessions.ts';
import { addressSubject, attemptsFailed, attemptsSucceeded, reserveAttempts } from '../throttle.ts';

/**
 * A sign-in ceremony is a signed ticket, `<expiresAt>.<nonce>.<mac>`, and its WebAuthn challenge
 * is derived from the ticket: the server stores nothing for a page that merely offers passkeys
 * (every sign-in form does, for autofill), so anonymous requests cannot fill a table. The answer
 * spends the ticket (`spendWebauthnChallenge`), which keeps it single use.
 */
const ticketMac = (services: Services, body: string) => services.keyedHash(`passkey-login/v1:${body}`);
const ticketChallenge = (services: Services, ticket: string) =>
  toBase64Url(hexToBytes(services.keyedHash(`passkey-login-challenge/v1:${ticket}`)));

/** The ticket's expiry, if the server signed it; null for anything else. */
function readTicket(services: Services, ticket: string): number | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{22})\.([0-9a-f]{64})$/.exec(ticket);
  if (!match) return null;
  const [, expiresAt, nonce, mac] = match as unknown as [string, string, string, string];
  const expected = ticketMac(services, `${expiresAt}.${nonce}`);
  return constantTimeEqual(hexToBytes(mac), hexToBytes(expected)) ? Number(expiresAt) : null;
}

/**
 * The start of a sign-in with a passkey alone: request options with no allowed credentials (the
 * authenticator offers its discoverable ones) and a ticket to answer with, like a login challenge.
 */
export async function startPasskeyLogin(services: Services, rp: RelyingParty): Promise<PasskeyLoginStart> {
  const body = `${services.clock.now() + ceremonyTimeoutMs}.${toBase64Url(services.random.bytes(16))}`;
  const ticket = `${body}.${ticketMac(services, body)}`;
  return {
    challengeId: ticket,
    options: { ...(await authenticationOptions(rp, null, ticketChallenge(services, ticket))) },
  };
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
  const expiresAt = readTicket(services, input.challengeId);
  if (
    expiresAt === null ||
    services.clock.now() >= expiresAt ||
    !(await services.store.spendWebauthnChallenge(tokenHash(input.challengeId), expiresAt))
  ) {
    throw new DomainError('challenge_expired');
  }
  let verified;
  try {
    verified = await verifyPasskeyAnswer(
      services,
      rp,
      { user: null, challenge: ticketChallenge(services, input.challengeId) },
      input.response,
      meta,
      'invalid_credentials',
    );
  } catch (error) {
    await attemptsFailed(services, attempts, null, meta);
    throw error;
  }
  const { user } = verified;
  const org = await services.store.getOrganization(user.orgId);
  if (!org) throw new Error('User without organization');
  const session = newSession(services, user, authMethods.passkey, meta);
  // No password was used; the check still refuses a user deleted meanwhile (rule 18a).
  const check = await services.store.createSession(
    session.record,
    securityEvent('login_succeeded', services.clock.now(), meta, user),
    { passwordHash: null, singleFactor: false, at: services.clock.now() },
  );
  if (check !== 'ok') throw new DomainError('invalid_credentials');
  await attemptsSucceeded(services, attempts);
  return { session, user, org, tokenType: input.tokenType };
}
