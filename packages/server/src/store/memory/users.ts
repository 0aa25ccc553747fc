import type { MemoryState } from './memory-state.ts';
import type { UserRecord, UserStore } from '../store.ts';

/** Which compliance group a user is in (as `store/sql/users-sql.ts` decides it in SQL). */
const mfaGroupOf = (user: UserRecord): 'none' | 'app' | 'passkey' =>
  user.passkeyCount > 0 ? 'passkey' : user.totpSecretSealed !== null ? 'app' : 'none';

/** The memory store's users, as `store/sql/users-sql.ts` has them in SQL. */
export function usersInMemory(state: MemoryState): UserStore {
  const {
    users,
    sessions,
    recoveryCodes,
    passkeys,
    withCount,
    log,
    usernameTaken,
    endSessions,
    dropChallenges,
    update,
    hasFactor,
    endSingleFactorSessions,
    assertSealedWithCurrentKey,
  } = state;
  return {
    async getUser(id) {
      return withCount(users.get(id));
    },
    async findUserByUsername(username) {
      return withCount([...users.values()].find((u) => u.username === username));
    },
    async takenUsernames(usernames) {
      const wanted = new Set(usernames);
      return [...users.values()].filter((u) => wanted.has(u.username)).map((u) => u.username);
    },
    async importUsers(batch, events) {
      const names = new Set(batch.map((u) => u.username));
      if (names.size !== batch.length || batch.some((u) => usernameTaken(u.username))) return 'conflict';
      for (const user of batch) if (user.totpSecretSealed) assertSealedWithCurrentKey(user.totpSecretSealed);
      for (const user of batch) users.set(user.id, { ...user });
      for (const event of events) log(event);
      return 'created';
    },
    async createUser(user, event) {
      if (usernameTaken(user.username)) return 'conflict';
      users.set(user.id, { ...user });
      log(event);
      return 'created';
    },
    async deleteUser(userId, event) {
      if (!users.delete(userId)) return false;
      for (const [id, p] of passkeys) if (p.userId === userId) passkeys.delete(id);
      endSessions(userId, null);
      dropChallenges(userId);
      recoveryCodes.delete(userId);
      log(event);
      return true;
    },
    async listUsers(orgId, { afterUsername, limit, contains, mfa = null }) {
      return [...users.values()]
        .filter((u) => u.orgId === orgId)
        .filter((u) => afterUsername === null || u.username > afterUsername)
        .filter((u) => contains === null || u.username.includes(contains))
        .map((u) => withCount(u)!)
        .filter((u) => mfa === null || mfaGroupOf(u) === mfa)
        .sort((a, b) => (a.username < b.username ? -1 : 1))
        .slice(0, limit);
    },
    async countMfa(orgId) {
      const groups = [...users.values()].filter((u) => u.orgId === orgId).map((u) => mfaGroupOf(withCount(u)!));
      return {
        members: groups.length,
        withPasskey: groups.filter((g) => g === 'passkey').length,
        appOnly: groups.filter((g) => g === 'app').length,
        withoutFactor: groups.filter((g) => g === 'none').length,
      };
    },
    async replacePasswordHash(userId, change, event) {
      const user = users.get(userId);
      if (!user) return 'stale';
      if (change.keepSession !== null) {
        if (sessions.get(change.keepSession)?.userId !== userId) return 'stale';
        if (!change.singleFactorOk && !hasFactor(userId)) return 'needs_factor';
      }
      if (user.passwordHash !== change.expectedHash) return 'stale';
      if (change.keepSession !== null) {
        endSessions(userId, change.keepSession);
        dropChallenges(userId);
      }
      update(userId, { passwordHash: change.hash, passwordSingleFactorOk: change.singleFactorOk });
      log(event);
      return 'replaced';
    },
    async notePasswordStrength(userId, passwordHash, singleFactorOk) {
      if (users.get(userId)?.passwordHash === passwordHash) update(userId, { passwordSingleFactorOk: singleFactorOk });
    },
    async setMfaEnabled(userId, enabled, event, keepSession) {
      update(userId, { mfaEnabled: enabled });
      if (enabled) endSingleFactorSessions(userId, keepSession);
      log(event);
    },
  };
}
