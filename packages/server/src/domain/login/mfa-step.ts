import { authMethods } from '../sessions/auth-methods.ts';
import { newRecoveryCodes, recoveryCodeHash } from '../../crypto/recovery-codes.ts';
import { newId, newToken, tokenHash } from '../../crypto/tokens.ts';
import { newChallenge, registrationOptions, verifyRegistration, type RelyingParty } from '../../crypto/webauthn.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import type {
  ChallengeRecord,
  OrganizationRecord,
  PasskeyRecord,
  SessionRecord,
  UserRecord,
} from '../../store/store.ts';
import { completeEnrollment } from '../mfa/enrollment.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { challengeMaxFailures, challengeTtlMs } from './sign-in.ts';
import { passkeyRequired } from '../mfa/passkeys-only.ts';
import { passkeysOnly } from '../mfa/mfa-state.ts';
import type { PasskeyOptions } from '@portcullis/sdk/contract';
import { verifySecondFactor } from '../mfa/second-factor.ts';
import { newSession, type NewSession } from '../sessions/sessions.ts';
import { verifyPasskeyAnswer } from '../passkeys/passkey-assertion.ts';
import {
  addressSubject,
  attemptsFailed,
  attemptsSucceeded,
  reserveAttempts,
  type Reservation,
  type ThrottleSubject,
} from '../throttle.ts';

export interface MfaStepOutcome {
  status: 'authenticated';
  session: NewSession;
  user: UserRecord;
  org: OrganizationRecord;
  tokenType: ChallengeRecord['tokenType'];
  /** Present after an enrollment: shown once, stored only as hashes. */
  recoveryCodes?: string[];
}

/**
 * Answers a login challenge with a code. The challenge is single use: the session is created in
 * the same transaction that deletes it, so two concurrent answers cannot both sign in. Codes are
 * counted per account and per client address.
 */
export async function mfaStep(
  services: Services,
  input: { challengeId: string; code: string } | { challengeId: string; webauthn: unknown },
  meta: RequestMeta,
  rp: RelyingParty,
): Promise<MfaStepOutcome | PasskeySetupOutcome> {
  const { store, clock } = services;
  const idHash = tokenHash(input.challengeId);
  const challenge = await store.getChallenge(idHash);
  const user = challenge && (await store.getUser(challenge.userId));
  const org = user && (await store.getOrganization(user.orgId));
  // A "Set up now" enrollment belongs to its session and is answered there, never here.
  if (!challenge || challenge.sessionHash !== null || !user || !org || clock.now() >= challenge.expiresAt) {
    throw new DomainError('challenge_expired');
  }
  if (challenge.kind === 'passkey_setup') {
    throw new DomainError('invalid_request', {
      detail: 'This sign-in goes on by registering a passkey: POST /login/passkey/setup.',
    });
  }
  // An enrollment that offers no app (the phishing-resistant level) takes a passkey only.
  if ('code' in input && challenge.kind === 'enroll' && challenge.pendingSecretSealed === null) {
    throw passkeyRequired('Your organization accepts only a passkey: set one up.');
  }
  const subjects: ThrottleSubject[] = [{ kind: 'account-code', userId: user.id }, ...addressSubject(meta, 'code')];
  const session = newSession(
    services,
    user,
    'webauthn' in input ? authMethods.passwordAndPasskey : authMethods.passwordAndCode,
    meta,
  );
  const step: MfaStep = { services, rp, challenge, user, session: session.record, meta, subjects };
  const outcome = await countingWrongCodes(
    services,
    challenge,
    user,
    meta,
    async (): Promise<{ user: UserRecord; recoveryCodes?: string[] } | PasskeySetupOutcome> => {
      if ('webauthn' in input)
        return challenge.kind === 'enroll'
          ? enrollPasskeyAtLogin(step, input.webauthn)
          : answerWithPasskey(step, input.webauthn);
      if (challenge.kind === 'enroll') {
        return completeEnrollment(services, challenge, user, input.code, { create: session.record }, meta, subjects);
      }
      const { attempts } = await verifySecondFactor(services, user, input.code, meta, subjects);
      // Proven, but under the phishing-resistant level a code never signs in on its own (#30).
      if (passkeysOnly(org, clock.now())) return offerPasskeySetup(step, attempts);
      return finishSignIn(step, attempts);
    },
  );
  if ('status' in outcome) return outcome;
  return { status: 'authenticated', ...outcome, session, org, tokenType: challenge.tokenType };
}

/** A sign-in that must register a passkey before it gets a session (#30). */
export interface PasskeySetupOutcome {
  status: 'passkey_setup_required';
  challenge: { id: string; expiresAt: number };
  passkeyOptions: PasskeyOptions;
}

/**
 * After a proven app or recovery code under the phishing-resistant level: the answered challenge
 * is spent and a new one takes its place (one transaction; of two answers, one goes on) that can
 * do nothing but register a passkey, with creation options that exclude the person's existing
 * passkeys. It lives as long as any login challenge.
 */
async function offerPasskeySetup(step: MfaStep, attempts: Reservation[]): Promise<PasskeySetupOutcome> {
  const { services, rp, challenge, user } = step;
  const id = newToken(services.random);
  const expiresAt = services.clock.now() + challengeTtlMs;
  const webauthnChallenge = newChallenge(services.random);
  const next: ChallengeRecord = {
    idHash: tokenHash(id),
    userId: user.id,
    kind: 'passkey_setup',
    pendingSecretSealed: null,
    tokenType: challenge.tokenType,
    failures: 0,
    expiresAt,
    sessionHash: null,
    webauthnChallenge,
  };
  if (!(await services.store.exchangeChallenge(challenge.idHash, next))) throw new DomainError('challenge_expired');
  await attemptsSucceeded(services, attempts);
  const existing = user.passkeyCount > 0 ? await services.store.listPasskeys(user.id) : [];
  const passkeyOptions = { ...(await registrationOptions(rp, user, existing, webauthnChallenge)) };
  return { status: 'passkey_setup_required', challenge: { id, expiresAt }, passkeyOptions };
}

/** One answer to a login challenge, and what it is checked and counted against. */
interface MfaStep {
  services: Services;
  rp: RelyingParty;
  challenge: ChallengeRecord;
  user: UserRecord;
  /** The session the answer makes, if it is right. */
  session: SessionRecord;
  meta: RequestMeta;
  /** Who a wrong answer counts against: the account's codes and the client's address. */
  subjects: ThrottleSubject[];
}

/** The MFA step answered with one of the person's passkeys, counted like a code. */
async function answerWithPasskey(step: MfaStep, response: unknown): Promise<{ user: UserRecord }> {
  const { services, rp, challenge, user, meta, subjects } = step;
  const attempts = await reserveAttempts(services, subjects);
  try {
    if (challenge.webauthnChallenge === null)
      throw new DomainError('invalid_code', { detail: 'No passkey may answer this sign-in.' });
    await verifyPasskeyAnswer(
      services,
      rp,
      { user, challenge: challenge.webauthnChallenge },
      response,
      meta,
      'invalid_code',
    );
  } catch (error) {
    await attemptsFailed(services, attempts, user, meta);
    throw error;
  }
  return finishSignIn(step, attempts);
}

/**
 * The end of a second factor that checked out: the challenge is spent and the session made in
 * one transaction (of two answers, one signs in), then the counted failures are forgotten.
 */
async function finishSignIn(step: MfaStep, attempts: Reservation[]): Promise<{ user: UserRecord }> {
  const { services, challenge, user, session, meta } = step;
  const event = securityEvent('login_succeeded', services.clock.now(), meta, user);
  if (!(await services.store.finishChallenge(challenge.idHash, session, event)))
    throw new DomainError('challenge_expired');
  await attemptsSucceeded(services, attempts);
  return { user };
}

/**
 * The enrollment step answered with a new passkey instead of the app: registered with ten
 * recovery codes, the switch on, signed in — one transaction, which a lost race leaves empty.
 */
async function enrollPasskeyAtLogin(
  step: MfaStep,
  response: unknown,
): Promise<{ user: UserRecord; recoveryCodes: string[] }> {
  const { services, rp, challenge, user, session, meta, subjects } = step;
  const attempts = await reserveAttempts(services, subjects);
  const credential =
    challenge.webauthnChallenge === null ? null : await verifyRegistration(rp, response, challenge.webauthnChallenge);
  if (!credential) {
    await attemptsFailed(services, attempts, user, meta);
    throw new DomainError('invalid_code', { detail: 'The passkey could not be verified.' });
  }
  const now = services.clock.now();
  const passkey: PasskeyRecord = {
    id: newId('pk', services.random),
    userId: user.id,
    ...credential,
    name: 'Passkey 1',
    createdAt: now,
    lastUsedAt: now,
  };
  const recoveryCodes = newRecoveryCodes(services.random);
  const events = [securityEvent('passkey_added', now, meta, user), securityEvent('login_succeeded', now, meta, user)];
  if (
    !(await services.store.finishPasskeyEnrollment(
      challenge.idHash,
      passkey,
      recoveryCodes.map(recoveryCodeHash),
      session,
      events,
    ))
  ) {
    throw new DomainError('challenge_expired', { detail: 'A factor was linked meanwhile; sign in with it.' });
  }
  await attemptsSucceeded(services, attempts);
  return { user: { ...user, mfaEnabled: true, passkeyCount: 1 }, recoveryCodes };
}

/**
 * A wrong code is logged (`mfa_code_failed`, rule 4) and counts against the challenge, which
 * dies at the limit.
 */
export async function countingWrongCodes<T>(
  services: Services,
  challenge: ChallengeRecord,
  user: UserRecord,
  meta: RequestMeta,
  check: () => Promise<T>,
): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid_code') {
      await services.store.appendEvent(securityEvent('mfa_code_failed', services.clock.now(), meta, user));
      const failures = await services.store.failChallenge(challenge.idHash, challengeMaxFailures);
      if (failures >= challengeMaxFailures) {
        throw new DomainError('challenge_expired', { detail: 'Too many wrong codes; start again.' });
      }
    }
    throw error;
  }
}
