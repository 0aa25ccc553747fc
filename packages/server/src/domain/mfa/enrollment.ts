import type { Enrollment } from '@portcullis/sdk/contract';
import { newRecoveryCodes, recoveryCodeHash } from '../../crypto/recovery-codes.ts';
import { matchTotp, newTotpSecret, otpauthUri, totpParams } from '../../crypto/totp.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import type { ChallengeRecord, EnrollmentSession, UserRecord } from '../../store/store.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { totpAssociatedData } from '../sealed-secrets.ts';
import { attemptsFailed, attemptsSucceeded, reserveAttempts, type ThrottleSubject } from '../throttle.ts';

/**
 * A new secret for an enrollment, shown once and kept sealed in its challenge; it becomes the
 * user's only after a valid code from it (security rule 11, docs/architecture.md).
 */
export async function newEnrollment(
  services: Services,
  user: UserRecord,
): Promise<{ enrollment: Enrollment; sealed: string }> {
  const secret = newTotpSecret(services.random);
  const sealed = await (await services.secretBox).seal(secret, totpAssociatedData(user.id));
  return {
    sealed,
    enrollment: { secret, otpauthUri: otpauthUri(secret, services.settings.totpIssuer, user.username), ...totpParams },
  };
}

/**
 * Links the pending secret of an enrollment challenge once a code from it arrives, with ten new
 * recovery codes, at login (`create` a session) or in "Set up now" (`upgrade` the session).
 * The code is counted on `subjects` first; the counters are cleared only after the link
 * committed (rule 11). A challenge that lost the race to another enrollment is gone, and the
 * caller hears `challenge_expired`.
 */
export async function completeEnrollment(
  services: Services,
  challenge: ChallengeRecord,
  user: UserRecord,
  code: string,
  target: EnrollmentSession,
  meta: RequestMeta,
  subjects: ThrottleSubject[],
): Promise<{ recoveryCodes: string[]; user: UserRecord }> {
  const { store, clock } = services;
  const sealed = challenge.pendingSecretSealed;
  if (sealed === null) throw new Error('Enrollment challenge without a secret');
  const attempts = await reserveAttempts(services, subjects);
  const secret = await (await services.secretBox).open(sealed, totpAssociatedData(user.id));
  const step = await matchTotp(secret, code.replace(/\s/g, ''), clock.now(), null);
  if (step === null) {
    await attemptsFailed(services, attempts, user, meta);
    throw new DomainError('invalid_code');
  }
  const recoveryCodes = newRecoveryCodes(services.random);
  const now = clock.now();
  const events = [
    securityEvent('mfa_enrolled', now, meta, user),
    ...('create' in target ? [securityEvent('login_succeeded', now, meta, user)] : []),
  ];
  const link = { userId: user.id, secretSealed: sealed, step, recoveryCodeHashes: recoveryCodes.map(recoveryCodeHash) };
  if (!(await store.finishEnrollment(challenge.idHash, link, target, events))) {
    throw new DomainError('challenge_expired', { detail: 'An authenticator was linked meanwhile; sign in with it.' });
  }
  await attemptsSucceeded(services, attempts);
  return { recoveryCodes, user: { ...user, mfaEnabled: true, totpSecretSealed: sealed, totpLastStep: step } };
}
