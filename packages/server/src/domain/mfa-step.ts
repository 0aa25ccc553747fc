import { tokenHash } from '../crypto/tokens.ts';
import { newRecoveryCodes, recoveryCodeHash } from '../crypto/recovery-codes.ts';
import { matchTotp } from '../crypto/totp.ts';
import { ProblemError } from '../http/problem.ts';
import type { Services } from '../services.ts';
import type { ChallengeRecord, OrganizationRecord, UserRecord } from '../store/store.ts';
import { securityEvent, type RequestMeta } from './events.ts';
import { challengeMaxFailures } from './login.ts';
import { totpAssociatedData, verifySecondFactor } from './second-factor.ts';
import { newSession, type NewSession } from './sessions.ts';
import { clearAttempts, codeKey, reserveAttempt } from './throttle.ts';

export interface MfaStepOutcome {
  session: NewSession;
  user: UserRecord;
  org: OrganizationRecord;
  tokenType: ChallengeRecord['tokenType'];
  /** Present after an enrollment: shown once, stored only as hashes. */
  recoveryCodes?: string[];
}

/**
 * Answers a login challenge with a code. The challenge is single use: the session is created in
 * the same transaction that deletes it, so two concurrent answers cannot both sign in.
 */
export async function mfaStep(
  services: Services,
  input: { challengeId: string; code: string },
  meta: RequestMeta,
): Promise<MfaStepOutcome> {
  const { store, clock } = services;
  const idHash = tokenHash(input.challengeId);
  const challenge = await store.getChallenge(idHash);
  const user = challenge && (await store.getUser(challenge.userId));
  const org = user && (await store.getOrganization(user.orgId));
  if (!challenge || !user || !org || clock.now() >= challenge.expiresAt) {
    throw new ProblemError('challenge_expired');
  }
  const outcome =
    challenge.kind === 'enroll'
      ? await finishEnrollment(services, challenge, user, input.code, meta)
      : await finishMfa(services, challenge, user, input.code, meta);
  return { user, ...outcome, org, tokenType: challenge.tokenType };
}

async function finishMfa(
  services: Services,
  challenge: ChallengeRecord,
  user: UserRecord,
  code: string,
  meta: RequestMeta,
): Promise<{ session: NewSession }> {
  await countingWrongCodes(services, challenge, () => verifySecondFactor(services, user, code, meta));
  const session = newSession(services, user, true);
  const event = securityEvent('login_succeeded', services.clock.now(), meta, user);
  if (!(await services.store.finishChallenge(challenge.idHash, session.record, event))) {
    throw new ProblemError('challenge_expired');
  }
  return { session };
}

async function finishEnrollment(
  services: Services,
  challenge: ChallengeRecord,
  user: UserRecord,
  code: string,
  meta: RequestMeta,
): Promise<{ session: NewSession; recoveryCodes: string[]; user: UserRecord }> {
  const { store, clock } = services;
  const sealed = challenge.pendingSecretSealed;
  if (sealed === null) throw new Error('Enrollment challenge without a secret');
  const step = await countingWrongCodes(services, challenge, async () => {
    await reserveAttempt(services, codeKey(user.id));
    const secret = await (await services.secretBox).open(sealed, totpAssociatedData(user.id));
    const matched = await matchTotp(secret, code.replace(/\s/g, ''), clock.now(), null);
    if (matched === null) throw new ProblemError('invalid_code');
    await clearAttempts(services, codeKey(user.id));
    return matched;
  });
  const recoveryCodes = newRecoveryCodes(services.random);
  const session = newSession(services, user, true);
  const now = clock.now();
  const linked = await store.finishEnrollment(
    challenge.idHash,
    { userId: user.id, secretSealed: sealed, step, recoveryCodeHashes: recoveryCodes.map(recoveryCodeHash) },
    session.record,
    [securityEvent('mfa_enrolled', now, meta, user), securityEvent('login_succeeded', now, meta, user)],
  );
  if (!linked) throw new ProblemError('challenge_expired');
  return { session, recoveryCodes, user: { ...user, totpSecretSealed: sealed, totpLastStep: step } };
}

/** A wrong code also counts against the challenge, which dies at the limit. */
async function countingWrongCodes<T>(services: Services, challenge: ChallengeRecord, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof ProblemError && error.code === 'invalid_code') {
      const failures = await services.store.failChallenge(challenge.idHash, challengeMaxFailures);
      if (failures >= challengeMaxFailures) {
        throw new ProblemError('challenge_expired', { detail: 'Too many wrong codes; sign in again.' });
      }
    }
    throw error;
  }
}
