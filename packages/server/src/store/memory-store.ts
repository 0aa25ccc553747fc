import { nextAllowedAt } from './throttle-math.ts';
import type {
  ChallengeRecord,
  PasskeyRecord,
  WebauthnChallengeRecord,
  NewSecurityEvent,
  OrganizationRecord,
  SecurityEventRecord,
  SessionRecord,
  Store,
  UserRecord,
} from './store.ts';

/**
 * Everything in Maps, for tests and the in-browser demo. JavaScript runs each method body to its
 * first `await` without interruption and these have none, so each is atomic like a transaction.
 */
export function createMemoryStore(): Store {
  const orgs = new Map<string, OrganizationRecord>();
  const users = new Map<string, UserRecord>();
  const sessions = new Map<string, SessionRecord>();
  const challenges = new Map<string, ChallengeRecord>();
  const recoveryCodes = new Map<string, Set<string>>();
  const attempts = new Map<string, { failures: number; nextAllowedAt: number; updatedAt: number }>();
  const events: SecurityEventRecord[] = [];
  const passkeys = new Map<string, PasskeyRecord>();
  const ceremonies = new Map<string, WebauthnChallengeRecord>();
  const passkeyCountOf = (userId: string) => [...passkeys.values()].filter((p) => p.userId === userId).length;
  /** A user as the SQL stores read it: with its passkeys counted. */
  const withCount = (user: UserRecord | undefined): UserRecord | null => (user ? { ...user, passkeyCount: passkeyCountOf(user.id) } : null);
  /** Whether the user has a second factor now: an app or a passkey. */
  const hasFactor = (userId: string) => users.get(userId)?.totpSecretSealed != null || passkeyCountOf(userId) > 0;

  const copy = <T extends object>(record: T | undefined): T | null => (record ? { ...record } : null);
  const log = (event: NewSecurityEvent | null) => {
    if (event) events.push({ ...event, id: events.length + 1 });
  };
  const usernameTaken = (username: string) => [...users.values()].some((u) => u.username === username);
  // A session takes its "Set up now" enrollment with it, as the foreign key does in SQL.
  const removeSession = (hash: string) => {
    sessions.delete(hash);
    for (const [id, c] of challenges) if (c.sessionHash === hash) challenges.delete(id);
    for (const [id, c] of ceremonies) if (c.sessionHash === hash) ceremonies.delete(id);
  };
  const endSessions = (userId: string, except: string | null) => {
    for (const [hash, s] of sessions) if (s.userId === userId && hash !== except) removeSession(hash);
  };
  const dropChallenges = (userId: string) => {
    for (const [hash, c] of challenges) if (c.userId === userId) challenges.delete(hash);
  };
  const update = (userId: string, patch: Partial<UserRecord>) => {
    const user = users.get(userId);
    if (user) users.set(userId, { ...user, ...patch });
  };

  return {
    async createOrganization(org, root) {
      if (orgs.has(org.id) || usernameTaken(root.username)) return 'conflict';
      orgs.set(org.id, { ...org });
      users.set(root.id, { ...root });
      return 'created';
    },
    async getOrganization(id) {
      return copy(orgs.get(id));
    },
    async isEmpty() {
      return orgs.size === 0;
    },
    async setEnforceMfa(orgId, enforce, at, event, keepSession) {
      const org = orgs.get(orgId);
      if (!org) throw new Error('Unknown organization');
      const next = { ...org, enforceMfa: enforce, policyUpdatedAt: at };
      orgs.set(orgId, next);
      if (enforce) {
        for (const [hash, s] of sessions) {
          if (!s.mfaPassed && hash !== keepSession && users.get(s.userId)?.orgId === orgId) removeSession(hash);
        }
      }
      log(event);
      return { ...next };
    },

    async getUser(id) {
      return withCount(users.get(id));
    },
    async findUserByUsername(username) {
      return withCount([...users.values()].find((u) => u.username === username));
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
    async listUsers(orgId, { afterUsername, limit, contains }) {
      return [...users.values()]
        .filter((u) => u.orgId === orgId)
        .filter((u) => afterUsername === null || u.username > afterUsername)
        .filter((u) => contains === null || u.username.includes(contains))
        .sort((a, b) => (a.username < b.username ? -1 : 1))
        .slice(0, limit)
        .map((u) => withCount(u)!);
    },
    async replacePasswordHash(userId, change, event) {
      const user = users.get(userId);
      if (!user || user.passwordHash !== change.expectedHash) return false;
      if (change.keepSession !== null) {
        if (sessions.get(change.keepSession)?.userId !== userId) return false;
        endSessions(userId, change.keepSession);
        dropChallenges(userId);
      }
      update(userId, { passwordHash: change.hash, passwordSingleFactorOk: change.singleFactorOk });
      log(event);
      return true;
    },
    async notePasswordStrength(userId, singleFactorOk) {
      update(userId, { passwordSingleFactorOk: singleFactorOk });
    },
    async setMfaEnabled(userId, enabled, event) {
      update(userId, { mfaEnabled: enabled });
      log(event);
    },
    async unlinkMfa(userId, { disable, endSessions: end, passkeys: withPasskeys }, event) {
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

    async createSession(session, event) {
      sessions.set(session.tokenHash, { ...session });
      update(session.userId, { lastActiveAt: session.createdAt });
      log(event);
    },
    async getSession(tokenHash) {
      return copy(sessions.get(tokenHash));
    },
    async getSessionContext(tokenHash) {
      const session = sessions.get(tokenHash);
      const user = session && users.get(session.userId);
      const org = user && orgs.get(user.orgId);
      if (!session || !user || !org) return null;
      return { session: { ...session }, user: withCount(user)!, org: { ...org }, recoveryCodesLeft: recoveryCodes.get(user.id)?.size ?? 0 };
    },
    async touchSession(tokenHash, userId, at) {
      const session = sessions.get(tokenHash);
      if (session) sessions.set(tokenHash, { ...session, lastSeenAt: at });
      update(userId, { lastActiveAt: at });
    },
    async setSessionReauth(tokenHash, at, secondFactor) {
      const session = sessions.get(tokenHash);
      if (session) sessions.set(tokenHash, { ...session, reauthAt: at, reauthSecondFactor: secondFactor, mfaPassed: session.mfaPassed || secondFactor });
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

    async createChallenge(challenge) {
      if (challenge.sessionHash !== null) {
        for (const [hash, c] of challenges) if (c.sessionHash === challenge.sessionHash) challenges.delete(hash);
      }
      challenges.set(challenge.idHash, { ...challenge });
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
    async finishChallenge(idHash, session, event) {
      if (!challenges.delete(idHash)) return false;
      sessions.set(session.tokenHash, { ...session });
      update(session.userId, { lastActiveAt: session.createdAt });
      log(event);
      return true;
    },
    async finishEnrollment(idHash, link, target, newEvents) {
      // The challenge goes whatever happens next: one that lost a race must not stay usable.
      if (!challenges.delete(idHash)) return false;
      const user = users.get(link.userId);
      const upgraded = 'upgrade' in target ? sessions.get(target.upgrade) : undefined;
      // A factor linked meanwhile (an app, or a passkey) keeps this enrollment from adding another.
      if (!user || hasFactor(user.id)) return false;
      if ('upgrade' in target && upgraded?.userId !== user.id) return false;
      dropChallenges(user.id);
      users.set(user.id, {
        ...user,
        mfaEnabled: true,
        totpSecretSealed: link.secretSealed,
        totpLastStep: link.step,
        ...('create' in target ? { lastActiveAt: target.create.createdAt } : {}),
      });
      recoveryCodes.set(user.id, new Set(link.recoveryCodeHashes));
      if ('create' in target) sessions.set(target.create.tokenHash, { ...target.create });
      else if (upgraded) sessions.set(target.upgrade, { ...upgraded, mfaPassed: true, reauthSecondFactor: true });
      for (const event of newEvents) log(event);
      return true;
    },

    async reserveAttempt(key, now, rule) {
      const previous = attempts.get(key);
      const current =
        previous && now - previous.updatedAt < rule.forgetAfterMs
          ? previous
          : { failures: 0, nextAllowedAt: 0, updatedAt: now };
      if (now < current.nextAllowedAt) return { allowed: false, retryAfterMs: current.nextAllowedAt - now };
      const failures = current.failures + 1;
      attempts.set(key, { failures, nextAllowedAt: nextAllowedAt(now, failures, rule), updatedAt: now });
      return { allowed: true, failures };
    },
    async releaseAttempt(key, rule) {
      const current = attempts.get(key);
      if (!current) return;
      const failures = Math.max(0, current.failures - 1);
      attempts.set(key, { ...current, failures, nextAllowedAt: nextAllowedAt(current.updatedAt, failures, rule) });
    },
    async clearAttempts(key) {
      attempts.delete(key);
    },

    async appendEvent(event) {
      log(event);
    },
    async listEventsSince(orgId, since, limit) {
      return events.filter((e) => (orgId === null || e.orgId === orgId) && e.at >= since).slice(0, limit).map((e) => ({ ...e }));
    },
    async listPasskeys(userId) {
      return [...passkeys.values()].filter((p) => p.userId === userId).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).map((p) => ({ ...p, transports: [...p.transports] }));
    },
    async findPasskeyByCredentialId(credentialId) {
      const found = [...passkeys.values()].find((p) => p.credentialId === credentialId);
      return found ? { ...found, transports: [...found.transports] } : null;
    },
    async addPasskey(passkey, { session: sessionHash, first }, event) {
      if ([...passkeys.values()].some((p) => p.credentialId === passkey.credentialId)) return 'duplicate';
      const session = sessions.get(sessionHash);
      if (!users.has(passkey.userId) || hasFactor(passkey.userId) === (first !== null) || session?.userId !== passkey.userId) return 'changed';
      if (first !== null) {
        sessions.set(sessionHash, { ...session, mfaPassed: true, reauthSecondFactor: true });
        recoveryCodes.set(passkey.userId, new Set(first.recoveryCodeHashes));
      }
      passkeys.set(passkey.id, { ...passkey, transports: [...passkey.transports] });
      update(passkey.userId, { mfaEnabled: true });
      dropChallenges(passkey.userId);
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
      recoveryCodes.set(user.id, new Set(codeHashes));
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
    async removePasskey(userId, id, last, newEvents) {
      if (passkeys.get(id)?.userId !== userId) return 'not_found';
      const isLast = users.get(userId)?.totpSecretSealed === null && passkeyCountOf(userId) === 1;
      if (isLast && !last.allowed) return 'last_refused';
      passkeys.delete(id);
      dropChallenges(userId);
      if (isLast) {
        update(userId, { mfaEnabled: false });
        recoveryCodes.delete(userId);
        for (const [hash, s] of sessions) if (s.userId === userId) sessions.set(hash, { ...s, reauthSecondFactor: false });
      }
      for (const event of isLast ? [...newEvents, ...last.events] : newEvents) log(event);
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
        for (const [id, c] of ceremonies) if (c.sessionHash === challenge.sessionHash && c.purpose === challenge.purpose) ceremonies.delete(id);
      }
      ceremonies.set(challenge.idHash, { ...challenge });
    },
    async consumeWebauthnChallenge(key) {
      const found = [...ceremonies.values()].find((c) => c.sessionHash === key.sessionHash && c.purpose === key.purpose);
      if (!found) return null;
      ceremonies.delete(found.idHash);
      return { ...found };
    },
    async spendWebauthnChallenge(idHash, expiresAt) {
      if (ceremonies.has(idHash)) return false;
      ceremonies.set(idHash, { idHash, purpose: 'login', userId: null, sessionHash: null, challenge: '', expiresAt });
      return true;
    },
    async listOrganizations() {
      return [...orgs.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).map((o) => ({ ...o }));
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
    async listEvents(orgId, beforeId, limit) {
      const out: SecurityEventRecord[] = [];
      for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
        const event = events[i] as SecurityEventRecord;
        if (event.orgId === orgId && (beforeId === null || event.id < beforeId)) out.push({ ...event });
      }
      return out;
    },

    async prune(now, { idleMs, forgetAfterMs }) {
      const sweep = <V>(map: Map<string, V>, gone: (value: V) => boolean, remove: (key: string) => void = (key) => void map.delete(key)) => {
        let removed = 0;
        for (const [key, value] of map) {
          if (gone(value)) {
            remove(key);
            removed++;
          }
        }
        return removed;
      };
      return (
        sweep(challenges, (c) => c.expiresAt <= now) +
        sweep(ceremonies, (c) => c.expiresAt <= now) +
        sweep(sessions, (s) => s.expiresAt <= now || s.lastSeenAt + idleMs <= now, removeSession) +
        sweep(attempts, (a) => a.updatedAt + forgetAfterMs <= now)
      );
    },

    async ping() {},
    async close() {},
  };
}
