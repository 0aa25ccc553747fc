import type { MemoryState } from './memory-state.ts';
import type { Store } from '../store.ts';

/** The memory store's mfa, as `store/sql/mfa-sql.ts` has them in SQL. */
export function mfaInMemory(state: MemoryState): Pick<Store, 'unlinkMfa' | 'claimTotpStep' | 'countRecoveryCodes' | 'consumeRecoveryCode' | 'replaceRecoveryCodes' | 'resealSecrets' | 'sampleSealedSecret'> {
  const { users, sessions, challenges, recoveryCodes, passkeys, withCount, log, endSessions, dropChallenges, update, lastFactorRefusal } = state;
  return {
    async unlinkMfa(userId, { disable, endSessions: end, passkeys: withPasskeys }, event) {
      const refusal = disable ? lastFactorRefusal(userId) : null;
      if (refusal !== null) return refusal;
      if (withPasskeys) for (const [id, p] of passkeys) if (p.userId === userId) passkeys.delete(id);
      update(userId, {
        totpSecretSealed: null,
        totpLastStep: null,
        ...(disable ? { mfaEnabled: false } : {}),
      });
      recoveryCodes.delete(userId);
      dropChallenges(userId);
      if (end) endSessions(userId, null);
      for (const [hash, s] of sessions) {
        if (s.userId === userId) sessions.set(hash, { ...s, reauthAt: 0, reauthSecondFactor: false });
      }
      log(event);
      return 'unlinked';
    },
    async claimTotpStep(userId, step) {
      const user = users.get(userId);
      if (!user || (user.totpLastStep !== null && user.totpLastStep >= step)) return false;
      users.set(userId, { ...user, totpLastStep: step });
      return true;
    },
    async countRecoveryCodes(userId) {
      return recoveryCodes.get(userId)?.size ?? 0;
    },
    async consumeRecoveryCode(userId, codeHash, event) {
      if (!recoveryCodes.get(userId)?.delete(codeHash)) return false;
      log(event);
      return true;
    },
    async replaceRecoveryCodes(userId, codeHashes, event) {
      const user = withCount(users.get(userId));
      if (!user || (user.totpSecretSealed === null && user.passkeyCount === 0)) return false;
      recoveryCodes.set(userId, new Set(codeHashes));
      log(event);
      return true;
    },
    async resealSecrets(reseal) {
      // Everything is computed first and applied only if all of it succeeded: one step, like a transaction.
      const userUpdates: Array<[string, string]> = [];
      for (const user of users.values()) {
        if (user.totpSecretSealed !== null) userUpdates.push([user.id, await reseal(user.totpSecretSealed, user.id)]);
      }
      const challengeUpdates: Array<[string, string]> = [];
      for (const challenge of challenges.values()) {
        if (challenge.pendingSecretSealed !== null) challengeUpdates.push([challenge.idHash, await reseal(challenge.pendingSecretSealed, challenge.userId)]);
      }
      for (const [id, sealed] of userUpdates) update(id, { totpSecretSealed: sealed });
      for (const [idHash, sealed] of challengeUpdates) {
        const challenge = challenges.get(idHash);
        if (challenge) challenges.set(idHash, { ...challenge, pendingSecretSealed: sealed });
      }
      return userUpdates.length + challengeUpdates.length;
    },
    async sampleSealedSecret() {
      const user = [...users.values()].find((u) => u.totpSecretSealed !== null);
      if (user) return { userId: user.id, sealed: user.totpSecretSealed! };
      const pending = [...challenges.values()].find((c) => c.pendingSecretSealed !== null);
      return pending ? { userId: pending.userId, sealed: pending.pendingSecretSealed! } : null;
    },
  };
}
