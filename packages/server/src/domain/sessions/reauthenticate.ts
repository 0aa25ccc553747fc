import { authMethods } from './auth-methods.ts';
import type { PasskeyOptions, ReauthResponse } from '@portcullis/sdk/contract';
import { authenticationOptions, type RelyingParty } from '../../crypto/webauthn.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { hasSecondFactor } from '../mfa/mfa-state.ts';
import { meetsSingleFactorMinimum, normalizePassword } from '../password/password-policy.ts';
import { verifyPasskeyAnswer } from '../passkeys/passkey-assertion.ts';
import { verifySecondFactor } from '../mfa/second-factor.ts';
import { passkeyRequired } from '../mfa/passkeys-only.ts';
import { passkeysOnly } from '../mfa/mfa-state.ts';
import { beginSessionCeremony, takeSessionCeremony } from '../passkeys/session-ceremony.ts';
import type { Authenticated } from './sessions.ts';
import {
  attemptsFailed,
  attemptsSucceeded,
  reserveAttempts,
  type Reservation,
  type ThrottleSubject,
} from '../throttle.ts';

/**
 * Request options to confirm identity with one of one's passkeys; the challenge waits, bound to
 * this session, single use. `conflict` for someone without a passkey.
 */
export async function startPasskeyReauth(
  services: Services,
  auth: Authenticated,
  rp: RelyingParty,
): Promise<PasskeyOptions> {
  const passkeys = await services.store.listPasskeys(auth.user.id);
  if (passkeys.length === 0) throw new DomainError('conflict', { detail: 'No passkey is registered.' });
  return { ...(await authenticationOptions(rp, passkeys, await beginSessionCeremony(services, auth, 'reauth'))) };
}

/** A passkey with user verification proves both factors at once. Counted under the session. */
async function reauthenticateWithPasskey(
  services: Services,
  auth: Authenticated,
  response: unknown,
  meta: RequestMeta,
  rp: RelyingParty,
  failed: () => Promise<void>,
): Promise<ReauthResponse> {
  const attempts = await reserveAttempts(services, [
    { kind: 'session', sessionHash: auth.session.tokenHash, factor: 'code' },
  ]);
  const challenge = await takeSessionCeremony(services, auth, 'reauth', 'Ask for the passkey again.');
  try {
    await verifyPasskeyAnswer(services, rp, { user: auth.user, challenge }, response, meta, 'invalid_code');
  } catch (error) {
    await failed();
    await attemptsFailed(services, attempts, auth.user, meta);
    throw error;
  }
  const now = services.clock.now();
  await services.store.setSessionReauth(auth.session.tokenHash, now, true, authMethods.passkey);
  await attemptsSucceeded(services, attempts);
  return { reauthUntil: new Date(now + services.settings.reauthWindowMs).toISOString(), secondFactor: true };
}

/**
 * Proves identity again inside a session: the password, plus a code where an authenticator is
 * linked. A password alone is accepted and recorded as such; it is enough only for an account
 * without a second factor. Attempts count under the session (security rule 6, docs/architecture.md), codes on the
 * account's code counter as well, and a failure is logged (`reauth_failed`).
 */
export async function reauthenticate(
  services: Services,
  auth: Authenticated,
  input: { password: string; code?: string | undefined } | { webauthn: unknown },
  meta: RequestMeta,
  rp: RelyingParty,
): Promise<ReauthResponse> {
  const { store, hasher, clock, settings } = services;
  const { user, session } = auth;
  const failed = async () => store.appendEvent(securityEvent('reauth_failed', clock.now(), meta, user));
  if ('webauthn' in input) return reauthenticateWithPasskey(services, auth, input.webauthn, meta, rp, failed);
  // Under the phishing-resistant level the second factor is a passkey, here as at sign-in (#30).
  if (input.code !== undefined && passkeysOnly(auth.org, clock.now())) {
    throw passkeyRequired('Your organization accepts only a passkey: confirm with one.');
  }
  const attempts = await reserveAttempts(services, [
    { kind: 'session', sessionHash: session.tokenHash, factor: 'password' },
  ]);
  const password = normalizePassword(input.password);
  if (!(await hasher.verify(user.passwordHash, password))) {
    await failed();
    await attemptsFailed(services, attempts, user, meta);
    throw new DomainError('invalid_credentials');
  }
  // The right password is worth forgetting its failures even if the code turns out wrong.
  await attemptsSucceeded(services, attempts);
  const codeAttempts: Reservation[] = [];
  let secondFactor = false;
  // A recovery code stands in for any factor: someone whose passkey is lost confirms with one.
  if (input.code !== undefined && hasSecondFactor(user)) {
    try {
      // Counted under the session and on the account's code counter too: the sign-in's lock on
      // code guesses must not be side-stepped by guessing here with a stolen session and the password.
      const subjects: ThrottleSubject[] = [
        { kind: 'session', sessionHash: session.tokenHash, factor: 'code' },
        { kind: 'account-code', userId: user.id },
      ];
      const verified = await verifySecondFactor(services, user, input.code, meta, subjects);
      codeAttempts.push(...verified.attempts);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'invalid_code') await failed();
      throw error;
    }
    secondFactor = true;
  }
  const now = clock.now();
  await store.setSessionReauth(
    session.tokenHash,
    now,
    secondFactor,
    secondFactor ? authMethods.passwordAndCode : authMethods.password,
  );
  await attemptsSucceeded(services, codeAttempts);
  const singleFactorOk = meetsSingleFactorMinimum(password);
  if (user.passwordSingleFactorOk !== singleFactorOk)
    await store.notePasswordStrength(user.id, user.passwordHash, singleFactorOk);
  return { reauthUntil: new Date(now + settings.reauthWindowMs).toISOString(), secondFactor };
}
