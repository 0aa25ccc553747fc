import type { MemoryState } from './memory-state.ts';
import type { MfaStore } from '../store.ts';

/** The memory store's mfa, as `store/sql/mfa-sql.ts` has them in SQL. */
export function mfaInMemory(state: MemoryState): MfaStore {
  const {
    users,
    sessions,
    recoveryCodes,
    passkeys,
    withCount,
    log,
    endSessions,
    dropChallenges,
    update,
    lastFactorRefusal,
  } = state;
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
  };
}
