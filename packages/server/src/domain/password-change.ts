import { ProblemError } from '../http/problem.ts';
import type { Services } from '../services.ts';
import { securityEvent, type RequestMeta } from './events.ts';
import { mfaSummary } from './mfa-state.ts';
import { assertPasswordAccepted, normalizePassword } from './password-policy.ts';
import type { Authenticated } from './sessions.ts';
import { clearAttempts, passwordKey, reserveAttempt } from './throttle.ts';

/**
 * Changes the password given the current one; a wrong current password counts as a failed
 * attempt (SECURITY.md 4). Every other session of the user ends; this one stays.
 */
export async function changePassword(
  services: Services,
  auth: Authenticated,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const { store, hasher, clock } = services;
  const { user, org, session } = auth;
  const key = passwordKey(user.username);
  await reserveAttempt(services, key);
  if (!(await hasher.verify(user.passwordHash, normalizePassword(input.currentPassword)))) {
    throw new ProblemError('invalid_credentials', {
      errors: [{ path: 'currentPassword', code: 'invalid_credentials', message: 'The current password is wrong.' }],
    });
  }
  await clearAttempts(services, key);
  await assertPasswordAccepted(services, 'newPassword', input.newPassword, {
    username: user.username,
    mfaRequired: mfaSummary(user, org).required,
  });
  const hash = await hasher.hash(normalizePassword(input.newPassword));
  await store.setPasswordHash(user.id, hash, session.tokenHash, securityEvent('password_changed', clock.now(), meta, user));
}
