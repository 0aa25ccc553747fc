import { authMethods } from '../sessions/auth-methods.ts';
import type { Enrollment, LoginRequest, PasskeyOptions, TokenType } from '@portcullis/sdk/contract';
import { authenticationOptions, newChallenge, registrationOptions, type RelyingParty } from '../../crypto/webauthn.ts';
import { newToken, tokenHash } from '../../crypto/tokens.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import type { OrganizationRecord, SignInCheck, UserRecord } from '../../store/store.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { hasSecondFactor, passkeysOnly, secondFactorDue } from '../mfa/mfa-state.ts';
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
  | {
      status: 'mfa_required';
      challenge: { id: string; expiresAt: number; methods: LoginMethod[]; passkeyOptions?: PasskeyOptions };
    }
  | {
      status: 'mfa_setup_required';
      challenge: { id: string; expiresAt: number };
      /** Absent where only a passkey may be set up (the phishing-resistant level, #30). */
      enrollment?: Enrollment;
      passkeyOptions: PasskeyOptions;
    };

/**
 * Checks the password, then decides what comes next (docs/architecture.md "Login"). An unknown user, a
 * wrong password and a throttled name give the same answers in the same time (security rule 7, docs/architecture.md).
 * What it decides on is checked again in the transaction that creates the session or challenge
 * (rule 18a): a sign-in that straddled a change is decided again on what is there now, and one
 * whose password changed meanwhile is refused like a wrong password.
 */
export async function passwordStep(
  services: Services,
  input: Required<Pick<LoginRequest, 'username' | 'password'>> & { tokenType: TokenType },
  meta: RequestMeta,
  rp: RelyingParty,
): Promise<PasswordStepOutcome> {
  const { store, hasher } = services;
  await services.housekeeping();
  const attempts = await reserveAttempts(services, [
    { kind: 'username', username: input.username },
    ...addressSubject(meta, 'password'),
  ]);
  const found = await store.findUserByUsername(input.username);
  const password = normalizePassword(input.password);
  const matches = found
    ? await hasher.verify(found.passwordHash, password)
    : await hasher.verify(await services.dummyHash(), password).then(() => false);
  if (!found || !matches) {
    if (found) await store.appendEvent(securityEvent('login_failed', services.clock.now(), meta, null, found));
    await attemptsFailed(services, attempts, found, meta);
    throw new DomainError('invalid_credentials');
  }
  await attemptsSucceeded(services, attempts);
  let user = found;
  let verifiedHash = await keepHashCurrent(services, user, password);
  for (let round = 0; round < 3; round++) {
    const outcome = await afterPassword(services, user, verifiedHash, input.tokenType, meta, rp);
    if (typeof outcome === 'object') return outcome;
    const now = outcome === 'user_gone' ? null : await store.getUser(user.id);
    // Deleted meanwhile, or a new password set: the one given is no longer the account's.
    if (!now) break;
    if (outcome === 'password_changed') {
      if (!(await hasher.verify(now.passwordHash, password))) break;
      verifiedHash = now.passwordHash;
    }
    user = now;
  }
  throw new DomainError('invalid_credentials');
}

/**
 * Rehashes a password stored with old parameters, and notes whether it can stand alone.
 * Answers the hash the password was verified against, as stored now.
 */
async function keepHashCurrent(services: Services, user: UserRecord, password: string): Promise<string> {
  const { store, hasher } = services;
  const singleFactorOk = meetsSingleFactorMinimum(password);
  if (hasher.needsRehash(user.passwordHash)) {
    const change = {
      expectedHash: user.passwordHash,
      hash: await hasher.hash(password),
      singleFactorOk,
      keepSession: null,
    };
    // A lost race (another sign-in rehashed first) is found out when the session is created.
    if ((await store.replacePasswordHash(user.id, change, null)) === 'replaced') return change.hash;
  } else if (user.passwordSingleFactorOk !== singleFactorOk) {
    await store.notePasswordStrength(user.id, user.passwordHash, singleFactorOk);
  }
  return user.passwordHash;
}

/** After a right password: a session, an MFA challenge or an enrollment; or why none could be made now. */
async function afterPassword(
  services: Services,
  user: UserRecord,
  passwordHash: string,
  tokenType: TokenType,
  meta: RequestMeta,
  rp: RelyingParty,
): Promise<PasswordStepOutcome | Exclude<SignInCheck, 'ok'>> {
  const { store, clock } = services;
  const org = await store.getOrganization(user.orgId);
  if (!org) return 'user_gone';
  const decidedAt = clock.now();

  if (!secondFactorDue(user, org, decidedAt)) {
    const session = newSession(services, user, authMethods.password, meta);
    const check = await store.createSession(session.record, securityEvent('login_succeeded', decidedAt, meta, user), {
      passwordHash,
      singleFactor: true,
      at: decidedAt,
    });
    return check === 'ok' ? { status: 'authenticated', session, user, org, tokenType } : check;
  }

  const basis = { passwordHash, singleFactor: false, at: decidedAt };
  const id = newToken(services.random);
  const expiresAt = clock.now() + challengeTtlMs;
  const challenge = { id, expiresAt };
  const base = { idHash: tokenHash(id), userId: user.id, tokenType, failures: 0, expiresAt, sessionHash: null };
  // The password was right: a later run of wrong codes is visible in the log (rule 4).
  const issued = () => store.appendEvent(securityEvent('mfa_challenge_issued', clock.now(), meta, user));
  if (hasSecondFactor(user)) {
    // Every factor the person has may answer; a passkey gets request options for its own keys.
    const passkeys = user.passkeyCount > 0 ? await store.listPasskeys(user.id) : [];
    const methods: LoginMethod[] = [
      ...(user.totpSecretSealed !== null ? (['totp'] as const) : []),
      ...(passkeys.length > 0 ? (['passkey'] as const) : []),
      ...((await store.countRecoveryCodes(user.id)) > 0 ? (['recovery_code'] as const) : []),
    ];
    const webauthnChallenge = passkeys.length > 0 ? newChallenge(services.random) : null;
    const check = await store.createChallenge(
      { ...base, kind: 'mfa', pendingSecretSealed: null, webauthnChallenge },
      basis,
    );
    if (check !== 'ok') return check;
    await issued();
    const passkeyOptions = webauthnChallenge
      ? { ...(await authenticationOptions(rp, passkeys, webauthnChallenge)) }
      : undefined;
    return {
      status: 'mfa_required',
      challenge: { ...challenge, methods, ...(passkeyOptions ? { passkeyOptions } : {}) },
    };
  }
  // Enrollment: the app (a new secret, pending in the challenge) or, instead, a passkey; only a
  // passkey under the phishing-resistant level (#30), so no secret is made or shown.
  const appAllowed = !passkeysOnly(org, decidedAt);
  const app = appAllowed ? await newEnrollment(services, user) : null;
  const webauthnChallenge = newChallenge(services.random);
  const check = await store.createChallenge(
    { ...base, kind: 'enroll', pendingSecretSealed: app?.sealed ?? null, webauthnChallenge },
    basis,
  );
  if (check !== 'ok') return check;
  await issued();
  const passkeyOptions = { ...(await registrationOptions(rp, user, [], webauthnChallenge)) };
  return { status: 'mfa_setup_required', challenge, ...(app ? { enrollment: app.enrollment } : {}), passkeyOptions };
}
