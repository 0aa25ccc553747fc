import type { Enrollment, LoginRequest, TokenType } from '@portcullis/sdk/contract';
import { newToken, tokenHash } from '../crypto/tokens.ts';
import { newTotpSecret, otpauthUri, totpParams } from '../crypto/totp.ts';
import { ProblemError } from '../http/problem.ts';
import type { Services } from '../services.ts';
import type { OrganizationRecord, UserRecord } from '../store/store.ts';
import { securityEvent, type RequestMeta } from './events.ts';
import { mfaSummary } from './mfa-state.ts';
import { normalizePassword } from './password-policy.ts';
import { totpAssociatedData } from './second-factor.ts';
import { newSession, type NewSession } from './sessions.ts';
import { clearAttempts, passwordKey, reserveAttempt } from './throttle.ts';

/** A challenge lives five minutes and dies at the fifth wrong code (SECURITY.md item 13). */
export const challengeTtlMs = 5 * 60_000;
export const challengeMaxFailures = 5;

export type PasswordStepOutcome =
  | { status: 'authenticated'; session: NewSession; user: UserRecord; org: OrganizationRecord; tokenType: TokenType }
  | { status: 'mfa_required'; challenge: { id: string; expiresAt: number } }
  | { status: 'mfa_setup_required'; challenge: { id: string; expiresAt: number }; enrollment: Enrollment };

/**
 * Checks the password, then decides what comes next (DESIGN.md "Login"). An unknown user, a
 * wrong password and a throttled name give the same answers in the same time (SECURITY.md 7).
 */
export async function passwordStep(
  services: Services,
  input: Required<Pick<LoginRequest, 'username' | 'password'>> & { tokenType: TokenType },
  meta: RequestMeta,
): Promise<PasswordStepOutcome> {
  const { store, hasher, clock } = services;
  await services.housekeeping();
  const key = passwordKey(input.username);
  await reserveAttempt(services, key);
  const user = await store.findUserByUsername(input.username);
  const password = normalizePassword(input.password);
  const matches = user
    ? await hasher.verify(user.passwordHash, password)
    : await hasher.verify(await services.dummyHash(), password).then(() => false);
  if (!user || !matches) {
    if (user) await store.appendEvent(securityEvent('login_failed', clock.now(), meta, null, user));
    throw new ProblemError('invalid_credentials');
  }
  await clearAttempts(services, key);
  if (hasher.needsRehash(user.passwordHash)) {
    await store.setPasswordHash(user.id, await hasher.hash(password), null, null);
  }
  const org = await store.getOrganization(user.orgId);
  if (!org) throw new Error('User without organization');
  const mfa = mfaSummary(user, org);

  if (!mfa.required) {
    const session = newSession(services, user, false);
    await store.createSession(session.record, securityEvent('login_succeeded', clock.now(), meta, user));
    return { status: 'authenticated', session, user, org, tokenType: input.tokenType };
  }

  const id = newToken(services.random);
  const expiresAt = clock.now() + challengeTtlMs;
  const challenge = { id, expiresAt };
  const base = { idHash: tokenHash(id), userId: user.id, tokenType: input.tokenType, failures: 0, expiresAt };
  if (mfa.configured) {
    await store.createChallenge({ ...base, kind: 'mfa', pendingSecretSealed: null });
    return { status: 'mfa_required', challenge };
  }
  // The new secret waits in the challenge; it becomes the user's only after a valid code (item 11).
  const secret = newTotpSecret(services.random);
  const sealed = await (await services.secretBox).seal(secret, totpAssociatedData(user.id));
  await store.createChallenge({ ...base, kind: 'enroll', pendingSecretSealed: sealed });
  return {
    status: 'mfa_setup_required',
    challenge,
    enrollment: {
      secret,
      otpauthUri: otpauthUri(secret, services.settings.totpIssuer, user.username),
      ...totpParams,
    },
  };
}
