import { tokenHash } from '../crypto/tokens.ts';
import { ProblemError } from '../http/problem.ts';
import type { Services } from '../services.ts';
import type { ChallengeRecord, OrganizationRecord, UserRecord } from '../store/store.ts';
import { completeEnrollment } from './enrollment.ts';
import { securityEvent, type RequestMeta } from './events.ts';
import { challengeMaxFailures } from './login.ts';
import { verifySecondFactor } from './second-factor.ts';
import { newSession, type NewSession } from './sessions.ts';
import { addressSubject, attemptsSucceeded, type ThrottleSubject } from './throttle.ts';

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
 * the same transaction that deletes it, so two concurrent answers cannot both sign in. Codes are
 * counted per account and per client address.
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
  // A "Set up now" enrollment belongs to its session and is answered there, never here.
  if (!challenge || challenge.sessionHash !== null || !user || !org || clock.now() >= challenge.expiresAt) {
    throw new ProblemError('challenge_expired');
  }
  const subjects: ThrottleSubject[] = [{ kind: 'account-code', userId: user.id }, ...addressSubject(meta, 'code')];
  const session = newSession(services, user, { mfaPassed: true }, meta);
  const outcome = await countingWrongCodes(services, challenge, user, meta, async () => {
    if (challenge.kind === 'enroll') {
      return completeEnrollment(services, challenge, user, input.code, { create: session.record }, meta, subjects);
    }
    const { attempts } = await verifySecondFactor(services, user, input.code, meta, subjects);
    const event = securityEvent('login_succeeded', clock.now(), meta, user);
    if (!(await store.finishChallenge(challenge.idHash, session.record, event))) throw new ProblemError('challenge_expired');
    await attemptsSucceeded(services, attempts);
    return { user };
  });
  return { ...outcome, session, org, tokenType: challenge.tokenType };
}

/**
 * A wrong code is logged (`mfa_code_failed`, item 4) and counts against the challenge, which
 * dies at the limit.
 */
export async function countingWrongCodes<T>(
  services: Services,
  challenge: ChallengeRecord,
  user: UserRecord,
  meta: RequestMeta,
  check: () => Promise<T>,
): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof ProblemError && error.code === 'invalid_code') {
      await services.store.appendEvent(securityEvent('mfa_code_failed', services.clock.now(), meta, user));
      const failures = await services.store.failChallenge(challenge.idHash, challengeMaxFailures);
      if (failures >= challengeMaxFailures) {
        throw new ProblemError('challenge_expired', { detail: 'Too many wrong codes; start again.' });
      }
    }
    throw error;
  }
}
