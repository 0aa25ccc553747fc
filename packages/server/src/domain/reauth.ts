import type { ReauthResponse } from '@portcullis/sdk/contract';
import { ProblemError } from '../http/problem.ts';
import type { Services } from '../services.ts';
import type { RequestMeta } from './events.ts';
import { normalizePassword } from './password-policy.ts';
import { verifySecondFactor } from './second-factor.ts';
import type { Authenticated } from './sessions.ts';
import { clearAttempts, passwordKey, reserveAttempt } from './throttle.ts';

/**
 * Proves identity again inside a session: the password, plus a code where an authenticator is
 * linked. A password alone is accepted and recorded as such, which is enough to reset one's own
 * MFA after losing the device but not for the other sensitive changes.
 */
export async function reauthenticate(
  services: Services,
  auth: Authenticated,
  input: { password: string; code?: string | undefined },
  meta: RequestMeta,
): Promise<ReauthResponse> {
  const { store, hasher, clock, settings } = services;
  const key = passwordKey(auth.user.username);
  await reserveAttempt(services, key);
  if (!(await hasher.verify(auth.user.passwordHash, normalizePassword(input.password)))) {
    throw new ProblemError('invalid_credentials');
  }
  await clearAttempts(services, key);
  let secondFactor = false;
  if (input.code !== undefined && auth.user.totpSecretSealed !== null) {
    await verifySecondFactor(services, auth.user, input.code, meta);
    secondFactor = true;
  }
  const now = clock.now();
  await store.setSessionReauth(auth.session.tokenHash, now, secondFactor);
  return { reauthUntil: new Date(now + settings.reauthWindowMs).toISOString(), secondFactor };
}
