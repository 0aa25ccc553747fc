import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { hasSecondFactor } from '../mfa/mfa-state.ts';
import {
  assertPasswordAccepted,
  meetsSingleFactorMinimum,
  normalizePassword,
  passwordPolicyFor,
} from './password-policy.ts';
import { requireRecentAuth } from '../sessions/recent-auth.ts';
import type { Authenticated } from '../sessions/sessions.ts';
import { attemptsFailed, attemptsSucceeded, reserveAttempts } from '../throttle.ts';

/**
 * Changes the password given the current one; a wrong current password counts as a failed
 * attempt of this session (security rule 4, 6, docs/architecture.md). Every other session of the user ends; this one
 * stays. The change commits only if the stored hash is still the one checked and this session
 * still exists, so of two concurrent changes one is told `conflict` (rule 29). Once a factor is
 * linked, the change also needs a recent second factor (rule 18a): the password alone, which a
 * password-only session of someone who learnt it has too, must not take the account over.
 */
export async function changePassword(
  services: Services,
  auth: Authenticated,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const { store, hasher, clock } = services;
  const { user, session } = auth;
  const linked = hasSecondFactor(user);
  if (linked) requireRecentAuth(services, auth);
  const attempts = await reserveAttempts(services, [
    { kind: 'session', sessionHash: session.tokenHash, factor: 'password' },
  ]);
  if (!(await hasher.verify(user.passwordHash, normalizePassword(input.currentPassword)))) {
    await attemptsFailed(services, attempts, user, meta);
    throw new DomainError('invalid_credentials', {
      errors: [{ path: 'currentPassword', code: 'invalid_credentials', message: 'The current password is wrong.' }],
    });
  }
  await attemptsSucceeded(services, attempts);
  await assertPasswordAccepted(services, 'newPassword', input.newPassword, {
    username: user.username,
    authenticatorLinked: linked,
  });
  const password = normalizePassword(input.newPassword);
  const change = {
    expectedHash: user.passwordHash,
    hash: await hasher.hash(password),
    singleFactorOk: meetsSingleFactorMinimum(password),
    keepSession: session.tokenHash,
  };
  const result = await store.replacePasswordHash(
    user.id,
    change,
    securityEvent('password_changed', clock.now(), meta, user),
  );
  if (result === 'needs_factor') {
    // The last factor went while this change was checked: a short password would now stand alone (rule 1).
    const min = passwordPolicyFor(services, false).minLength;
    const message = `Use at least ${min} characters: no second factor is linked any more.`;
    throw new DomainError('password_policy', {
      detail: message,
      errors: [{ path: 'newPassword', code: 'too_short', message }],
    });
  }
  if (result === 'stale') {
    throw new DomainError('conflict', {
      detail: 'The password was changed meanwhile, or this session ended. Sign in again.',
    });
  }
}
