import type { ReauthResponse } from '@portcullis/sdk/contract';
import { ProblemError } from '../http/problem.ts';
import type { Services } from '../services.ts';
import { securityEvent, type RequestMeta } from './events.ts';
import { meetsSingleFactorMinimum, normalizePassword } from './password-policy.ts';
import { verifySecondFactor } from './second-factor.ts';
import type { Authenticated } from './sessions.ts';
import { attemptsFailed, attemptsSucceeded, reserveAttempts, type Reservation } from './throttle.ts';

/**
 * Proves identity again inside a session: the password, plus a code where an authenticator is
 * linked. A password alone is accepted and recorded as such; it is enough only for an account
 * without a second factor. Attempts count under the session (SECURITY.md 6), and a failure is
 * logged (`reauth_failed`).
 */
export async function reauthenticate(
  services: Services,
  auth: Authenticated,
  input: { password: string; code?: string | undefined },
  meta: RequestMeta,
): Promise<ReauthResponse> {
  const { store, hasher, clock, settings } = services;
  const { user, session } = auth;
  const failed = async () => store.appendEvent(securityEvent('reauth_failed', clock.now(), meta, user));
  const attempts = await reserveAttempts(services, [{ kind: 'session', sessionHash: session.tokenHash, factor: 'password' }]);
  const password = normalizePassword(input.password);
  if (!(await hasher.verify(user.passwordHash, password))) {
    await failed();
    await attemptsFailed(services, attempts, user, meta);
    throw new ProblemError('invalid_credentials');
  }
  // The right password is worth forgetting its failures even if the code turns out wrong.
  await attemptsSucceeded(services, attempts);
  const codeAttempts: Reservation[] = [];
  let secondFactor = false;
  if (input.code !== undefined && user.totpSecretSealed !== null) {
    try {
      const verified = await verifySecondFactor(services, user, input.code, meta, [{ kind: 'session', sessionHash: session.tokenHash, factor: 'code' }]);
      codeAttempts.push(...verified.attempts);
    } catch (error) {
      if (error instanceof ProblemError && error.code === 'invalid_code') await failed();
      throw error;
    }
    secondFactor = true;
  }
  const now = clock.now();
  await store.setSessionReauth(session.tokenHash, now, secondFactor);
  await attemptsSucceeded(services, codeAttempts);
  const singleFactorOk = meetsSingleFactorMinimum(password);
  if (user.passwordSingleFactorOk !== singleFactorOk) await store.notePasswordStrength(user.id, singleFactorOk);
  return { reauthUntil: new Date(now + settings.reauthWindowMs).toISOString(), secondFactor };
}
