import type { MemoryState } from './memory-state.ts';
import type { SessionStore } from '../store.ts';

/** The memory store's sessions, as `store/sql/sessions-sql.ts` has them in SQL. */
export function sessionsInMemory(state: MemoryState): SessionStore {
  const {
    orgs,
    users,
    sessions,
    recoveryCodes,
    withCount,
    copy,
    log,
    removeSession,
    endSessions,
    update,
    checkSignInBasis,
  } = state;
  return {
    async createSession(session, event, basis) {
      const check = checkSignInBasis(session.userId, basis);
      if (check !== 'ok') return check;
      sessions.set(session.tokenHash, { ...session });
      update(session.userId, { lastActiveAt: session.createdAt });
      log(event);
      return check;
    },
    async getSession(tokenHash) {
      return copy(sessions.get(tokenHash));
    },
    async getSessionContext(tokenHash) {
      const session = sessions.get(tokenHash);
      const user = session && users.get(session.userId);
      const org = user && orgs.get(user.orgId);
      if (!session || !user || !org) return null;
      return {
        session: { ...session },
        user: withCount(user)!,
        org: { ...org },
        recoveryCodesLeft: recoveryCodes.get(user.id)?.size ?? 0,
      };
    },
    async touchSession(tokenHash, userId, at) {
      const session = sessions.get(tokenHash);
      if (session) sessions.set(tokenHash, { ...session, lastSeenAt: at });
      update(userId, { lastActiveAt: at });
    },
    async setSessionReauth(tokenHash, at, secondFactor, amr) {
      const session = sessions.get(tokenHash);
      if (session)
        sessions.set(tokenHash, {
          ...session,
          reauthAt: at,
          reauthSecondFactor: secondFactor,
          mfaPassed: session.mfaPassed || secondFactor,
          amr: [...amr],
        });
    },
    async deleteSession(tokenHash) {
      removeSession(tokenHash);
    },
    async listSessions(userId) {
      return [...sessions.values()]
        .filter((s) => s.userId === userId)
        .sort((a, b) => b.lastSeenAt - a.lastSeenAt || b.createdAt - a.createdAt)
        .map((s) => ({ ...s }));
    },
    async endSessionById(userId, sessionId, event) {
      const found = [...sessions.values()].find((s) => s.userId === userId && s.id === sessionId);
      if (!found) return false;
      removeSession(found.tokenHash);
      log(event);
      return true;
    },
    async endUserSessions(userId, keepTokenHash, event) {
      const before = sessions.size;
      endSessions(userId, keepTokenHash);
      log(event);
      return before - sessions.size;
    },
  };
}
