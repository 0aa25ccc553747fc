import type { Enrollment, LoginRequest, PasskeyOptions, TokenType } from '@portcullis/sdk/contract';
import { authenticationOptions, newChallenge, registrationOptions, type RelyingParty } from '../../crypto/webauthn.ts';
import { newToken, tokenHash } from '../../crypto/tokens.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import type { OrganizationRecord, UserRecord } from '../../store/store.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { mfaSummary } from '../mfa/mfa-state.ts';
import { meetsSingleFactorMinimum, normalizePassword } from '../password/password-policy.ts';
import { newEnrollment } from '../mfa/enrollment.ts';
import { newSession, type NewSession } from '../sessions/sessions.ts';
import { addressSubject, attemptsFailed, attemptsSucceeded, reserveAttempts } from '../throttle.ts';

/** A challenge lives five minutes and dies at the fifth wrong code (security rule 13, docs/architecture.md). */
export const challengeTtlMs = 5 * 60_000;
export const challengeMaxFailures = 5;

type LoginMethod = 'totp' | 'passkey' | 'recovery_code';

export type PasswordStepOutcome =
  | { status: 'authenticated'; session: NewSession; user: UserRecord; org: OrganizationRecord; tokenType: TokenType }
  | { status: 'mfa_required'; challenge: { id: string; expiresAt: number; methods: LoginMethod[]; passkeyOptions?: PasskeyOptions } }
  | { status: 'mfa_setup_required'; challenge: { id: string; expiresAt: number }; enrollment: Enrollment; passkeyOptions: PasskeyOptions };

/**
 * Checks the password, then decides what comes next (docs/architecture.md "Login"). An unknown user, a
 * wrong password and a throttled name give the same answers in the same time (security rule 7, docs/architecture.md).
 */
export async function passwordStep(
  services: Services,
  input: Required<Pick<LoginRequest, 'username' | 'password'>> & { tokenType: TokenType },
  meta: RequestMeta,
  rp: RelyingParty,
): Promise<PasswordStepOutcome> {
  const { store, hasher, clock } = services;
  await services.housekeeping();
  const attempts = await reserveAttempts(services, [
    { kind: 'username', username: input.username },
    ...addressSubject(meta, 'password'),
  ]);
  const user = await store.findUserByUsername(input.username);
  const password = normalizePassword(input.password);
  const matches = user
    ? await hasher.verify(user.passwordHash, password)
    : await hasher.verify(await services.dummyHash(), password).then(() => false);
  if (!user || !matches) {
    if (user) await store.appendEvent(securityEvent('login_failed', clock.now(), meta, null, user));
    await attemptsFailed(services, attempts, user, meta);
    throw new DomainError('invalid_credentials');
  }
  await attemptsSucceeded(services, attempts);
  const singleFactorOk = meetsSingleFactorMinimum(password);
  if (hasher.needsRehash(user.passwordHash)) {
    const change = { expectedHash: user.passwordHash, hash: await hasher.hash(password), singleFactorOk, keepSession: null };
    await store.replacePasswordHash(user.id, change, null);
  } else if (user.passwordSingleFactorOk !== singleFactorOk) {
    await store.notePasswordStrength(user.id, singleFactorOk);
  }
  const org = await store.getOrganization(user.orgId);
  if (!org) throw new Error('User without organization');
  const mfa = mfaSummary(user, org);

  if (!mfa.required) {
    const session = newSession(services, user, { mfaPassed: false }, meta);
    await store.createSession(session.record, securityEvent('login_succeeded', clock.now(), meta, user));
    return { status: 'authenticated', session, user, org, tokenType: input.tokenType };
  }

  const id = newToken(services.random);
  const expiresAt = clock.now() + challengeTtlMs;
  const challenge = { id, expiresAt };
  const base = { idHash: tokenHash(id), userId: user.id, tokenType: input.tokenType, failures: 0, expiresAt, sessionHash: null };
  // The password was right: a later run of wrong codes is visible in the log (rule 4).
  await store.appendEvent(securityEvent('mfa_challenge_issued', clock.now(), meta, user));
  if (mfa.configured) {
    // Every factor the person has may answer; a passkey gets request options for its own keys.
    const passkeys = user.passkeyCount > 0 ? await store.listPasskeys(user.id) : [];
    const methods: LoginMethod[] = [
      ...(user.totpSecretSealed !== null ? (['totp'] as const) : []),
      ...(passkeys.length > 0 ? (['passkey'] as const) : []),
      ...((await store.countRecoveryCodes(user.id)) > 0 ? (['recovery_code'] as const) : []),
    ];
    const webauthnChallenge = passkeys.length > 0 ? newChallenge(services.random) : null;
    await store.createChallenge({ ...base, kind: 'mfa', pendingSecretSealed: null, webauthnChallenge });
    const passkeyOptions = webauthnChallenge ? { ...(await authenticationOptions(rp, passkeys, webauthnChallenge)) } : undefined;
    return { status: 'mfa_required', challenge: { ...challenge, methods, ...(passkeyOptions ? { passkeyOptions } : {}) } };
  }
  // Enrollment: the app (a new secret, pending in the challenge) or, instead, a passkey.
  const { enrollment, sealed } = await newEnrollment(services, user);
  const webauthnChallenge = newChallenge(services.random);
  await store.createChallenge({ ...base, kind: 'enroll', pendingSecretSealed: sealed, webauthnChallenge });
  const passkeyOptions = { ...(await registrationOptions(rp, user, [], webauthnChallenge)) };
  return { status: 'mfa_setup_required', challenge, enrollment, passkeyOptions };
}
