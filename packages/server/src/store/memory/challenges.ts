import type { MemoryState } from './memory-state.ts';
import type { ChallengeStore } from '../store.ts';

/** The memory store's challenges, as `store/sql/challenges-sql.ts` has them in SQL. */
export function challengesInMemory(state: MemoryState): ChallengeStore {
  const {
    users,
    sessions,
    challenges,
    recoveryCodes,
    hasFactor,
    copy,
    log,
    dropChallenges,
    update,
    checkSignInBasis,
    endSingleFactorSessions,
    assertSealedWithCurrentKey,
  } = state;
  return {
    async createChallenge(challenge, basis) {
      const check = basis ? checkSignInBasis(challenge.userId, basis) : 'ok';
      if (check !== 'ok') return check;
      if (challenge.pendingSecretSealed !== null) assertSealedWithCurrentKey(challenge.pendingSecretSealed);
      if (challenge.sessionHash !== null) {
        for (const [hash, c] of challenges) if (c.sessionHash === challenge.sessionHash) challenges.delete(hash);
      }
      challenges.set(challenge.idHash, { ...challenge });
      return check;
    },
    async getChallenge(idHash) {
      return copy(challenges.get(idHash));
    },
    async getSessionEnrollment(sessionHash) {
      return copy([...challenges.values()].find((c) => c.sessionHash === sessionHash));
    },
    async failChallenge(idHash, maxFailures) {
      const challenge = challenges.get(idHash);
      if (!challenge) return maxFailures;
      const failures = challenge.failures + 1;
      if (failures >= maxFailures) challenges.delete(idHash);
      else challenges.set(idHash, { ...challenge, failures });
      return failures;
    },
    async exchangeChallenge(idHash, next) {
      if (challenges.get(idHash)?.kind !== 'mfa') return false;
      challenges.delete(idHash);
      challenges.set(next.idHash, { ...next });
      return true;
    },
    async finishChallenge(idHash, session, event) {
      if (!challenges.delete(idHash)) return false;
      sessions.set(session.tokenHash, { ...session });
      update(session.userId, { lastActiveAt: session.createdAt });
      log(event);
      return true;
    },
    async finishEnrollment(idHash, link, target, newEvents) {
      // The challenge goes whatever happens next: one that lost a race must not stay usable.
      if (!challenges.has(idHash)) return false;
      assertSealedWithCurrentKey(link.secretSealed);
      challenges.delete(idHash);
      const user = users.get(link.userId);
      const upgraded = 'upgrade' in target ? sessions.get(target.upgrade) : undefined;
      // A factor linked meanwhile (an app, or a passkey) keeps this enrollment from adding another.
      if (!user || hasFactor(user.id)) return false;
      if ('upgrade' in target && upgraded?.userId !== user.id) return false;
      dropChallenges(user.id);
      endSingleFactorSessions(user.id, 'upgrade' in target ? target.upgrade : null);
      users.set(user.id, {
        ...user,
        mfaEnabled: true,
        totpSecretSealed: link.secretSealed,
        totpLastStep: link.step,
        ...('create' in target ? { lastActiveAt: target.create.createdAt } : {}),
      });
      recoveryCodes.set(user.id, new Set(link.recoveryCodeHashes));
      if ('create' in target) sessions.set(target.create.tokenHash, { ...target.create });
      else if (upgraded)
        sessions.set(target.upgrade, {
          ...upgraded,
          mfaPassed: true,
          reauthSecondFactor: true,
          amr: ['pwd', 'otp', 'mfa'],
        });
      for (const event of newEvents) log(event);
      return true;
    },
  };
}
