import type { MemoryState } from './memory-state.ts';
import type { PasskeyStore } from '../store.ts';

/** The memory store's passkeys, as `store/sql/passkeys-sql.ts` has them in SQL. */
export function passkeysInMemory(state: MemoryState): PasskeyStore {
  const {
    users,
    sessions,
    challenges,
    recoveryCodes,
    passkeys,
    ceremonies,
    passkeyCountOf,
    hasFactor,
    log,
    dropChallenges,
    update,
    endSingleFactorSessions,
    lastFactorRefusal,
  } = state;
  return {
    async listPasskeys(userId) {
      return [...passkeys.values()]
        .filter((p) => p.userId === userId)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .map((p) => ({ ...p, transports: [...p.transports] }));
    },
    async findPasskeyByCredentialId(credentialId) {
      const found = [...passkeys.values()].find((p) => p.credentialId === credentialId);
      return found ? { ...found, transports: [...found.transports] } : null;
    },
    async addPasskey(passkey, { session: sessionHash, first }, event) {
      if ([...passkeys.values()].some((p) => p.credentialId === passkey.credentialId)) return 'duplicate';
      const session = sessions.get(sessionHash);
      if (
        !users.has(passkey.userId) ||
        hasFactor(passkey.userId) === (first !== null) ||
        session?.userId !== passkey.userId
      )
        return 'changed';
      if (first !== null) {
        sessions.set(sessionHash, {
          ...session,
          mfaPassed: true,
          reauthSecondFactor: true,
          amr: ['pwd', 'swk', 'mfa'],
        });
        recoveryCodes.set(passkey.userId, new Set(first.recoveryCodeHashes));
      }
      passkeys.set(passkey.id, { ...passkey, transports: [...passkey.transports] });
      update(passkey.userId, { mfaEnabled: true });
      dropChallenges(passkey.userId);
      endSingleFactorSessions(passkey.userId, sessionHash);
      log(event);
      return 'added';
    },
    async finishPasskeyEnrollment(idHash, passkey, codeHashes, session, newEvents) {
      if (!challenges.delete(idHash)) return false;
      const user = users.get(passkey.userId);
      if (!user || hasFactor(user.id)) return false;
      if ([...passkeys.values()].some((p) => p.credentialId === passkey.credentialId)) return false;
      passkeys.set(passkey.id, { ...passkey, transports: [...passkey.transports] });
      update(user.id, { mfaEnabled: true, lastActiveAt: session.createdAt });
      dropChallenges(user.id);
      endSingleFactorSessions(user.id, null);
      recoveryCodes.set(user.id, new Set(codeHashes));
      sessions.set(session.tokenHash, { ...session });
      for (const event of newEvents) log(event);
      return true;
    },
    async finishPasskeySetup(idHash, passkey, session, newEvents) {
      if (challenges.get(idHash)?.kind !== 'passkey_setup') return false;
      challenges.delete(idHash);
      if (!users.has(passkey.userId)) return false;
      if ([...passkeys.values()].some((p) => p.credentialId === passkey.credentialId)) return false;
      passkeys.set(passkey.id, { ...passkey, transports: [...passkey.transports] });
      update(passkey.userId, { mfaEnabled: true, lastActiveAt: session.createdAt });
      dropChallenges(passkey.userId);
      endSingleFactorSessions(passkey.userId, null);
      sessions.set(session.tokenHash, { ...session });
      for (const event of newEvents) log(event);
      return true;
    },
    async renamePasskey(userId, id, name) {
      const found = passkeys.get(id);
      if (found?.userId !== userId) return null;
      passkeys.set(id, { ...found, name });
      return { ...found, name };
    },
    async removePasskey(userId, id, lastEvents, newEvents) {
      if (passkeys.get(id)?.userId !== userId) return 'not_found';
      const isLast = users.get(userId)?.totpSecretSealed === null && passkeyCountOf(userId) === 1;
      const refusal = isLast ? lastFactorRefusal(userId) : null;
      if (refusal !== null) return refusal;
      passkeys.delete(id);
      dropChallenges(userId);
      if (isLast) {
        update(userId, { mfaEnabled: false });
        recoveryCodes.delete(userId);
        for (const [hash, s] of sessions)
          if (s.userId === userId) sessions.set(hash, { ...s, reauthSecondFactor: false });
      }
      for (const event of isLast ? [...newEvents, ...lastEvents] : newEvents) log(event);
      return isLast ? 'last_removed' : 'removed';
    },
    async usePasskey(id, counter, at) {
      const found = passkeys.get(id);
      if (!found || !(found.counter < counter || (found.counter === 0 && counter === 0))) return false;
      passkeys.set(id, { ...found, counter, lastUsedAt: at });
      return true;
    },
    async createWebauthnChallenge(challenge) {
      if (challenge.sessionHash !== null) {
        for (const [id, c] of ceremonies)
          if (c.sessionHash === challenge.sessionHash && c.purpose === challenge.purpose) ceremonies.delete(id);
      }
      ceremonies.set(challenge.idHash, { ...challenge });
    },
    async consumeWebauthnChallenge(key) {
      const found = [...ceremonies.values()].find(
        (c) => c.sessionHash === key.sessionHash && c.purpose === key.purpose,
      );
      if (!found) return null;
      ceremonies.delete(found.idHash);
      return { ...found };
    },
    async spendWebauthnChallenge(idHash, expiresAt) {
      if (ceremonies.has(idHash)) return false;
      ceremonies.set(idHash, { idHash, purpose: 'login', userId: null, sessionHash: null, challenge: '', expiresAt });
      return true;
    },
  };
}
