import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { delayAfter } from './throttle-math.ts';
import { sqliteMigrations } from './sqlite-migrations.ts';
import type {
  ChallengeRecord,
  EnrollmentLink,
  EnrollmentSession,
  NewSecurityEvent,
  OrganizationRecord,
  SecurityEventRecord,
  PasswordChange,
  SessionRecord,
  Store,
  ThrottleRule,
  UserRecord,
} from './store.ts';

type Row = Record<string, unknown>;

/**
 * The embedded default: one SQLite file through better-sqlite3. Its calls are synchronous, so
 * each method runs as one `db.transaction` that no other request can interleave with; WAL mode
 * lets readers in other processes carry on. Every statement is prepared with parameters.
 */
export function createSqliteStore(filename: string): Store {
  ownerOnly(filename);
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db);

  const q = {
    insertOrg: db.prepare('INSERT INTO organizations (id, name, enforce_mfa, policy_updated_at, created_at) VALUES (?, ?, ?, ?, ?)'),
    getOrg: db.prepare('SELECT * FROM organizations WHERE id = ?'),
    anyOrg: db.prepare('SELECT 1 FROM organizations LIMIT 1'),
    setEnforce: db.prepare('UPDATE organizations SET enforce_mfa = ?, policy_updated_at = ? WHERE id = ?'),
    endSessionsWithoutMfa: db.prepare(`DELETE FROM sessions WHERE mfa_passed = 0 AND token_hash <> ?
      AND user_id IN (SELECT id FROM users WHERE org_id = ?)`),
    insertUser: db.prepare(`INSERT INTO users (id, org_id, username, role, password_hash, password_single_factor_ok,
      mfa_enabled, totp_secret_sealed, totp_last_step, created_at, last_active_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    usernameTaken: db.prepare('SELECT 1 FROM users WHERE username = ?'),
    getUser: db.prepare('SELECT * FROM users WHERE id = ?'),
    findUser: db.prepare('SELECT * FROM users WHERE username = ?'),
    deleteUser: db.prepare('DELETE FROM users WHERE id = ?'),
    listUsers: db.prepare(`SELECT * FROM users WHERE org_id = ? AND username > ?
      AND (? IS NULL OR instr(username, ?) > 0) ORDER BY username LIMIT ?`),
    setPassword: db.prepare('UPDATE users SET password_hash = ?, password_single_factor_ok = ? WHERE id = ? AND password_hash = ?'),
    notePasswordStrength: db.prepare('UPDATE users SET password_single_factor_ok = ? WHERE id = ?'),
    sessionOf: db.prepare('SELECT 1 FROM sessions WHERE token_hash = ? AND user_id = ?'),
    setMfaEnabled: db.prepare('UPDATE users SET mfa_enabled = ? WHERE id = ?'),
    unlink: db.prepare('UPDATE users SET totp_secret_sealed = NULL, totp_last_step = NULL WHERE id = ?'),
    link: db.prepare(`UPDATE users SET totp_secret_sealed = ?, totp_last_step = ?, mfa_enabled = 1,
      last_active_at = coalesce(?, last_active_at) WHERE id = ? AND totp_secret_sealed IS NULL`),
    clearReauth: db.prepare('UPDATE sessions SET reauth_at = 0, reauth_second_factor = 0 WHERE user_id = ?'),
    upgradeSession: db.prepare(`UPDATE sessions SET mfa_passed = 1, reauth_second_factor = 1
      WHERE token_hash = ? AND user_id = ?`),
    claimStep: db.prepare(`UPDATE users SET totp_last_step = ?
      WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)`),
    hasSecret: db.prepare('SELECT 1 FROM users WHERE id = ? AND totp_secret_sealed IS NOT NULL'),
    countCodes: db.prepare('SELECT count(*) AS n FROM recovery_codes WHERE user_id = ?'),
    deleteCode: db.prepare('DELETE FROM recovery_codes WHERE user_id = ? AND code_hash = ?'),
    deleteCodes: db.prepare('DELETE FROM recovery_codes WHERE user_id = ?'),
    insertCode: db.prepare('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)'),
    insertSession: db.prepare(`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at,
      expires_at, reauth_at, reauth_second_factor, mfa_passed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    getSession: db.prepare('SELECT * FROM sessions WHERE token_hash = ?'),
    getSessionContext: db.prepare(`SELECT s.token_hash, s.user_id, s.created_at AS s_created_at, s.last_seen_at,
      s.expires_at, s.reauth_at, s.reauth_second_factor, s.mfa_passed,
      u.id, u.org_id, u.username, u.role, u.password_hash, u.password_single_factor_ok, u.mfa_enabled,
      u.totp_secret_sealed, u.totp_last_step,
      u.created_at, u.last_active_at,
      o.name AS o_name, o.enforce_mfa AS o_enforce_mfa, o.policy_updated_at AS o_policy_updated_at,
      o.created_at AS o_created_at,
      (SELECT count(*) FROM recovery_codes r WHERE r.user_id = u.id) AS recovery_codes_left
      FROM sessions s JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = u.org_id
      WHERE s.token_hash = ?`),
    touchSession: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?'),
    touchUser: db.prepare('UPDATE users SET last_active_at = ? WHERE id = ?'),
    reauth: db.prepare(`UPDATE sessions SET reauth_at = ?, reauth_second_factor = ?, mfa_passed = max(mfa_passed, ?)
      WHERE token_hash = ?`),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    endSessions: db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?'),
    insertChallenge: db.prepare(`INSERT INTO challenges (id_hash, user_id, kind, pending_secret_sealed,
      token_type, failures, expires_at, session_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    getChallenge: db.prepare('SELECT * FROM challenges WHERE id_hash = ?'),
    getSessionEnrollment: db.prepare('SELECT * FROM challenges WHERE session_hash = ?'),
    dropSessionEnrollment: db.prepare('DELETE FROM challenges WHERE session_hash = ?'),
    failChallenge: db.prepare('UPDATE challenges SET failures = failures + 1 WHERE id_hash = ? RETURNING failures'),
    deleteChallenge: db.prepare('DELETE FROM challenges WHERE id_hash = ?'),
    dropChallenges: db.prepare('DELETE FROM challenges WHERE user_id = ?'),
    getAttempts: db.prepare('SELECT * FROM attempts WHERE key = ?'),
    putAttempts: db.prepare(`INSERT INTO attempts (key, failures, next_allowed_at, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
      next_allowed_at = excluded.next_allowed_at, updated_at = excluded.updated_at`),
    clearAttempts: db.prepare('DELETE FROM attempts WHERE key = ?'),
    releaseAttempt: db.prepare(`UPDATE attempts SET failures = max(failures - 1, 0) WHERE key = ?
      RETURNING failures, updated_at`),
    setNextAllowed: db.prepare('UPDATE attempts SET next_allowed_at = ? WHERE key = ?'),
    insertEvent: db.prepare(`INSERT INTO events (org_id, type, at, actor_id, actor_username, target_id,
      target_username, client_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    listEvents: db.prepare('SELECT * FROM events WHERE org_id = ? AND id < ? ORDER BY id DESC LIMIT ?'),
    pruneChallenges: db.prepare('DELETE FROM challenges WHERE expires_at <= ?'),
    pruneSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?'),
    pruneAttempts: db.prepare('DELETE FROM attempts WHERE updated_at <= ?'),
  };

  const log = (event: NewSecurityEvent | null) => {
    if (!event) return;
    q.insertEvent.run(event.orgId, event.type, event.at, event.actorId, event.actorUsername,
      event.targetId, event.targetUsername, event.clientAddress);
  };
  const insertUser = (u: UserRecord) =>
    q.insertUser.run(u.id, u.orgId, u.username, u.role, u.passwordHash, Number(u.passwordSingleFactorOk),
      Number(u.mfaEnabled), u.totpSecretSealed, u.totpLastStep, u.createdAt, u.lastActiveAt);
  const insertSession = (s: SessionRecord) =>
    q.insertSession.run(s.tokenHash, s.userId, s.createdAt, s.lastSeenAt, s.expiresAt, s.reauthAt,
      Number(s.reauthSecondFactor), Number(s.mfaPassed));

  const tx = {
    createOrganization: db.transaction((org: OrganizationRecord, root: UserRecord) => {
      if (q.usernameTaken.get(root.username)) return 'conflict' as const;
      q.insertOrg.run(org.id, org.name, Number(org.enforceMfa), org.policyUpdatedAt, org.createdAt);
      insertUser(root);
      return 'created' as const;
    }),
    setEnforceMfa: db.transaction((orgId: string, enforce: boolean, at: number, event: NewSecurityEvent, keep: string) => {
      q.setEnforce.run(Number(enforce), at, orgId);
      if (enforce) q.endSessionsWithoutMfa.run(keep, orgId);
      log(event);
      return toOrg(q.getOrg.get(orgId) as Row);
    }),
    createUser: db.transaction((user: UserRecord, event: NewSecurityEvent) => {
      if (q.usernameTaken.get(user.username)) return 'conflict' as const;
      insertUser(user);
      log(event);
      return 'created' as const;
    }),
    deleteUser: db.transaction((userId: string, event: NewSecurityEvent) => {
      if (q.deleteUser.run(userId).changes !== 1) return false;
      log(event);
      return true;
    }),
    replacePasswordHash: db.transaction((userId: string, change: PasswordChange, event: NewSecurityEvent | null) => {
      if (change.keepSession !== null && !q.sessionOf.get(change.keepSession, userId)) return false;
      if (q.setPassword.run(change.hash, Number(change.singleFactorOk), userId, change.expectedHash).changes !== 1) return false;
      if (change.keepSession !== null) {
        q.endSessions.run(userId, change.keepSession);
        q.dropChallenges.run(userId);
      }
      log(event);
      return true;
    }),
    setMfaEnabled: db.transaction((userId: string, enabled: boolean, event: NewSecurityEvent) => {
      q.setMfaEnabled.run(Number(enabled), userId);
      log(event);
    }),
    unlinkMfa: db.transaction((userId: string, disable: boolean, endSessions: boolean, event: NewSecurityEvent) => {
      q.unlink.run(userId);
      if (disable) q.setMfaEnabled.run(0, userId);
      q.deleteCodes.run(userId);
      q.dropChallenges.run(userId);
      if (endSessions) q.endSessions.run(userId, null);
      else q.clearReauth.run(userId);
      log(event);
    }),
    consumeRecoveryCode: db.transaction((userId: string, codeHash: string, event: NewSecurityEvent) => {
      if (q.deleteCode.run(userId, codeHash).changes !== 1) return false;
      log(event);
      return true;
    }),
    replaceRecoveryCodes: db.transaction((userId: string, hashes: string[], event: NewSecurityEvent) => {
      if (!q.hasSecret.get(userId)) return false;
      q.deleteCodes.run(userId);
      for (const hash of hashes) q.insertCode.run(userId, hash);
      log(event);
      return true;
    }),
    createSession: db.transaction((session: SessionRecord, event: NewSecurityEvent | null) => {
      insertSession(session);
      q.touchUser.run(session.createdAt, session.userId);
      log(event);
    }),
    touchSession: db.transaction((tokenHash: string, userId: string, at: number) => {
      q.touchSession.run(at, tokenHash);
      q.touchUser.run(at, userId);
    }),
    failChallenge: db.transaction((idHash: string, maxFailures: number) => {
      const row = q.failChallenge.get(idHash) as { failures: number } | undefined;
      if (!row) return maxFailures;
      if (row.failures >= maxFailures) q.deleteChallenge.run(idHash);
      return row.failures;
    }),
    finishChallenge: db.transaction((idHash: string, session: SessionRecord, event: NewSecurityEvent) => {
      if (q.deleteChallenge.run(idHash).changes !== 1) return false;
      insertSession(session);
      q.touchUser.run(session.createdAt, session.userId);
      log(event);
      return true;
    }),
    finishEnrollment: db.transaction((idHash: string, link: EnrollmentLink, target: EnrollmentSession, events: NewSecurityEvent[]) => {
      // The challenge goes whatever happens next: one that lost a race must not stay usable.
      if (q.deleteChallenge.run(idHash).changes !== 1) return false;
      if ('upgrade' in target && !q.sessionOf.get(target.upgrade, link.userId)) return false;
      const activeAt = 'create' in target ? target.create.createdAt : null;
      // Someone linked an authenticator meanwhile: keep theirs; this challenge is gone all the same.
      if (q.link.run(link.secretSealed, link.step, activeAt, link.userId).changes !== 1) return false;
      q.dropChallenges.run(link.userId);
      q.deleteCodes.run(link.userId);
      for (const hash of link.recoveryCodeHashes) q.insertCode.run(link.userId, hash);
      if ('create' in target) insertSession(target.create);
      else q.upgradeSession.run(target.upgrade, link.userId);
      for (const event of events) log(event);
      return true;
    }),
    createChallenge: db.transaction((c: ChallengeRecord) => {
      if (c.sessionHash !== null) q.dropSessionEnrollment.run(c.sessionHash);
      q.insertChallenge.run(c.idHash, c.userId, c.kind, c.pendingSecretSealed, c.tokenType, c.failures, c.expiresAt, c.sessionHash);
    }),
    releaseAttempt: db.transaction((key: string, rule: ThrottleRule) => {
      const row = q.releaseAttempt.get(key) as { failures: number; updated_at: number } | undefined;
      if (row) q.setNextAllowed.run(row.updated_at + delayAfter(row.failures, rule), key);
    }),
    prune: db.transaction((now: number, idleMs: number, forgetAfterMs: number) =>
      q.pruneChallenges.run(now).changes + q.pruneSessions.run(now, now - idleMs).changes + q.pruneAttempts.run(now - forgetAfterMs).changes,
    ),
    reserveAttempt: db.transaction((key: string, now: number, rule: Parameters<Store['reserveAttempt']>[2]) => {
      const row = q.getAttempts.get(key) as { failures: number; next_allowed_at: number; updated_at: number } | undefined;
      const fresh = !row || now - row.updated_at >= rule.forgetAfterMs;
      const failures = fresh ? 0 : row.failures;
      const nextAllowedAt = fresh ? 0 : row.next_allowed_at;
      if (now < nextAllowedAt) return { allowed: false as const, retryAfterMs: nextAllowedAt - now };
      q.putAttempts.run(key, failures + 1, now + delayAfter(failures + 1, rule), now);
      return { allowed: true as const, failures: failures + 1 };
    }),
  };

  return {
    async createOrganization(org, root) {
      return tx.createOrganization(org, root);
    },
    async getOrganization(id) {
      const row = q.getOrg.get(id) as Row | undefined;
      return row ? toOrg(row) : null;
    },
    async isEmpty() {
      return q.anyOrg.get() === undefined;
    },
    async setEnforceMfa(orgId, enforce, at, event, keepSession) {
      return tx.setEnforceMfa(orgId, enforce, at, event, keepSession);
    },
    async getUser(id) {
      const row = q.getUser.get(id) as Row | undefined;
      return row ? toUser(row) : null;
    },
    async findUserByUsername(username) {
      const row = q.findUser.get(username) as Row | undefined;
      return row ? toUser(row) : null;
    },
    async createUser(user, event) {
      return tx.createUser(user, event);
    },
    async deleteUser(userId, event) {
      return tx.deleteUser(userId, event);
    },
    async listUsers(orgId, { afterUsername, limit, contains }) {
      return (q.listUsers.all(orgId, afterUsername ?? '', contains, contains, limit) as Row[]).map(toUser);
    },
    async replacePasswordHash(userId, change, event) {
      return tx.replacePasswordHash(userId, change, event);
    },
    async notePasswordStrength(userId, singleFactorOk) {
      q.notePasswordStrength.run(Number(singleFactorOk), userId);
    },
    async setMfaEnabled(userId, enabled, event) {
      tx.setMfaEnabled(userId, enabled, event);
    },
    async unlinkMfa(userId, { disable, endSessions }, event) {
      tx.unlinkMfa(userId, disable, endSessions, event);
    },
    async claimTotpStep(userId, step) {
      return q.claimStep.run(step, userId, step).changes === 1;
    },
    async countRecoveryCodes(userId) {
      return (q.countCodes.get(userId) as { n: number }).n;
    },
    async consumeRecoveryCode(userId, codeHash, event) {
      return tx.consumeRecoveryCode(userId, codeHash, event);
    },
    async replaceRecoveryCodes(userId, hashes, event) {
      return tx.replaceRecoveryCodes(userId, hashes, event);
    },
    async createSession(session, event) {
      tx.createSession(session, event);
    },
    async getSession(tokenHash) {
      const row = q.getSession.get(tokenHash) as Row | undefined;
      return row ? toSession(row) : null;
    },
    async getSessionContext(tokenHash) {
      const row = q.getSessionContext.get(tokenHash) as Row | undefined;
      if (!row) return null;
      return {
        session: toSession({ ...row, created_at: row.s_created_at }),
        user: toUser(row),
        org: toOrg({ id: row.org_id, name: row.o_name, enforce_mfa: row.o_enforce_mfa, policy_updated_at: row.o_policy_updated_at, created_at: row.o_created_at }),
        recoveryCodesLeft: row.recovery_codes_left as number,
      };
    },
    async touchSession(tokenHash, userId, at) {
      tx.touchSession(tokenHash, userId, at);
    },
    async setSessionReauth(tokenHash, at, secondFactor) {
      q.reauth.run(at, Number(secondFactor), Number(secondFactor), tokenHash);
    },
    async deleteSession(tokenHash) {
      q.deleteSession.run(tokenHash);
    },
    async createChallenge(challenge) {
      tx.createChallenge(challenge);
    },
    async getChallenge(idHash) {
      const row = q.getChallenge.get(idHash) as Row | undefined;
      return row ? toChallenge(row) : null;
    },
    async getSessionEnrollment(sessionHash) {
      const row = q.getSessionEnrollment.get(sessionHash) as Row | undefined;
      return row ? toChallenge(row) : null;
    },
    async failChallenge(idHash, maxFailures) {
      return tx.failChallenge(idHash, maxFailures);
    },
    async finishChallenge(idHash, session, event) {
      return tx.finishChallenge(idHash, session, event);
    },
    async finishEnrollment(idHash, link, target, events) {
      return tx.finishEnrollment(idHash, link, target, events);
    },
    async reserveAttempt(key, now, rule) {
      return tx.reserveAttempt(key, now, rule);
    },
    async releaseAttempt(key, rule) {
      tx.releaseAttempt(key, rule);
    },
    async clearAttempts(key) {
      q.clearAttempts.run(key);
    },
    async appendEvent(event) {
      log(event);
    },
    async listEvents(orgId, beforeId, limit) {
      return (q.listEvents.all(orgId, beforeId ?? Number.MAX_SAFE_INTEGER, limit) as Row[]).map(toEvent);
    },
    async prune(now, { idleMs, forgetAfterMs }) {
      return tx.prune(now, idleMs, forgetAfterMs);
    },
    async close() {
      db.close();
    },
  };
}

/**
 * The database holds password hashes, sealed secrets and the audit log: it is created readable by
 * its owner only, and an existing one is narrowed (SECURITY.md 29). SQLite gives the WAL and
 * shared-memory files the database file's mode; ones left by an older version are narrowed too.
 */
function ownerOnly(filename: string): void {
  if (filename === ':memory:' || filename === '') return;
  if (!existsSync(filename)) closeSync(openSync(filename, 'a', 0o600));
  for (const path of [filename, `${filename}-wal`, `${filename}-shm`]) {
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  sqliteMigrations.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}

const toOrg = (r: Row): OrganizationRecord => ({
  id: r.id as string,
  name: r.name as string,
  enforceMfa: r.enforce_mfa === 1,
  policyUpdatedAt: r.policy_updated_at as number,
  createdAt: r.created_at as number,
});

const toUser = (r: Row): UserRecord => ({
  id: r.id as string,
  orgId: r.org_id as string,
  username: r.username as string,
  role: r.role as UserRecord['role'],
  passwordHash: r.password_hash as string,
  passwordSingleFactorOk: r.password_single_factor_ok === 1,
  mfaEnabled: r.mfa_enabled === 1,
  totpSecretSealed: (r.totp_secret_sealed as string | null) ?? null,
  totpLastStep: (r.totp_last_step as number | null) ?? null,
  createdAt: r.created_at as number,
  lastActiveAt: (r.last_active_at as number | null) ?? null,
});

const toSession = (r: Row): SessionRecord => ({
  tokenHash: r.token_hash as string,
  userId: r.user_id as string,
  createdAt: r.created_at as number,
  lastSeenAt: r.last_seen_at as number,
  expiresAt: r.expires_at as number,
  reauthAt: r.reauth_at as number,
  reauthSecondFactor: r.reauth_second_factor === 1,
  mfaPassed: r.mfa_passed === 1,
});

const toChallenge = (r: Row): ChallengeRecord => ({
  idHash: r.id_hash as string,
  userId: r.user_id as string,
  kind: r.kind as ChallengeRecord['kind'],
  pendingSecretSealed: (r.pending_secret_sealed as string | null) ?? null,
  tokenType: r.token_type as ChallengeRecord['tokenType'],
  failures: r.failures as number,
  expiresAt: r.expires_at as number,
  sessionHash: (r.session_hash as string | null) ?? null,
});

const toEvent = (r: Row): SecurityEventRecord => ({
  id: r.id as number,
  orgId: r.org_id as string,
  type: r.type as SecurityEventRecord['type'],
  at: r.at as number,
  actorId: (r.actor_id as string | null) ?? null,
  actorUsername: (r.actor_username as string | null) ?? null,
  targetId: (r.target_id as string | null) ?? null,
  targetUsername: (r.target_username as string | null) ?? null,
  clientAddress: (r.client_address as string | null) ?? null,
});
