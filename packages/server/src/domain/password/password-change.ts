import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { hasSecondFactor } from '../mfa/mfa-state.ts';
import { assertPasswordAccepted, meetsSingleFactorMinimum, normalizePassword } from './password-policy.ts';
import type { Authenticated } from '../sessions/sessions.ts';
import { attemptsFailed, attemptsSucceeded, reserveAttempts } from '../throttle.ts';

/**
 * Changes the password given the current one; a wrong current password counts as a failed
 * attempt of this session (security rule 4, 6, docs/architecture.md). Every other session of the user ends; this one
 * stays. The change commits only if the stored hash is still the one checked and this session
 * still exists, so of two concurrent changes one is told `conflict` (rule 29).
 */
export async function changePassword(
  services: Services,
  auth: Authenticated,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const { store, hasher, clock } = services;
  const { user, session } = auth;
  const attempts = await reserveAttempts(services, [{ kind: 'session', sessionHash: session.tokenHash, factor: 'password' }]);
  if (!(await hasher.verify(user.passwordHash, normalizePassword(input.currentPassword)))) {
    await attemptsFailed(services, attempts, user, meta);
    throw new DomainError('invalid_credentials', {
      errors: [{ path: 'currentPassword', code: 'invalid_credentials', message: 'The current password is wrong.' }],
    });
  }
  await attemptsSucceeded(services, attempts);
  await assertPasswordAccepted(services, 'newPassword', input.newPassword, {
    username: user.username,
    authenticatorLinked: hasSecondFactor(user),
  });
  const password = normalizePassword(input.newPassword);
  const change = {
    expectedHash: user.passwordHash,
    hash: await hasher.hash(password),
    singleFactorOk: meetsSingleFactorMinimum(password),
    keepSession: session.tokenHash,
  };
  if (!(await store.replacePasswordHash(user.id, change, securityEvent('password_changed', clock.now(), meta, user)))) {
    throw new DomainError('conflict', { detail: 'The password was changed meanwhile, or this session ended. Sign in again.' });
  }
}
