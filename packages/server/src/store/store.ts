import type {
  ChallengeRecord,
  NewSecurityEvent,
  OrganizationRecord,
  SecurityEventRecord,
  SessionRecord,
  ThrottleDecision,
  ThrottleRule,
  UserListQuery,
  UserRecord,
} from './records.ts';

export type * from './records.ts';

/** Everything a request needs about its caller, read at once. */
export interface SessionContext {
  session: SessionRecord;
  user: UserRecord;
  org: OrganizationRecord;
  recoveryCodesLeft: number;
}

/**
 * Storage behind every adapter (memory, SQLite, PostgreSQL). Each method that changes state is
 * one transaction, and takes the security event that describes the change so that the change
 * and its audit line commit together or not at all. Methods whose name starts with `claim`,
 * `consume` or `finish` are compare-and-set: of two concurrent calls exactly one gets `true`.
 */
export interface Store {
  // Organizations
  createOrganization(org: OrganizationRecord, root: UserRecord): Promise<'created' | 'conflict'>;
  getOrganization(id: string): Promise<OrganizationRecord | null>;
  isEmpty(): Promise<boolean>;
  setEnforceMfa(orgId: string, enforce: boolean, at: number, event: NewSecurityEvent): Promise<OrganizationRecord>;

  // Users
  getUser(id: string): Promise<UserRecord | null>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  createUser(user: UserRecord, event: NewSecurityEvent): Promise<'created' | 'conflict'>;
  /** Deletes the user with its sessions, challenges and recovery codes. */
  deleteUser(userId: string, event: NewSecurityEvent): Promise<boolean>;
  listUsers(orgId: string, query: UserListQuery): Promise<UserRecord[]>;
  /** Replaces the hash; when `endSessionsExcept` is given, every other session of the user ends. */
  setPasswordHash(userId: string, hash: string, endSessionsExcept: string | null, event: NewSecurityEvent | null): Promise<void>;
  setMfaEnabled(userId: string, enabled: boolean, event: NewSecurityEvent): Promise<void>;
  /**
   * Unlinks the authenticator and its recovery codes, drops pending challenges, and with
   * `endSessions` ends every session of the user.
   */
  unlinkMfa(userId: string, options: { disable: boolean; endSessions: boolean }, event: NewSecurityEvent): Promise<void>;
  /** Records `step` as the last accepted TOTP step if it is later than the one stored. */
  claimTotpStep(userId: string, step: number): Promise<boolean>;
  countRecoveryCodes(userId: string): Promise<number>;
  consumeRecoveryCode(userId: string, codeHash: string, event: NewSecurityEvent): Promise<boolean>;
  /** Replaces the set; false (and nothing changed) when no authenticator is linked. */
  replaceRecoveryCodes(userId: string, codeHashes: string[], event: NewSecurityEvent): Promise<boolean>;

  // Sessions
  createSession(session: SessionRecord, event: NewSecurityEvent | null): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  /** The session with its user and organization in one read: the hot path of every request. */
  getSessionContext(tokenHash: string): Promise<SessionContext | null>;
  /** Marks activity on the session and on its user. */
  touchSession(tokenHash: string, userId: string, at: number): Promise<void>;
  setSessionReauth(tokenHash: string, at: number, secondFactor: boolean): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;

  // Login challenges
  createChallenge(challenge: ChallengeRecord): Promise<void>;
  getChallenge(idHash: string): Promise<ChallengeRecord | null>;
  /** Counts a wrong code; at `maxFailures` the challenge is deleted. Returns the failures so far. */
  failChallenge(idHash: string, maxFailures: number): Promise<number>;
  /** Deletes the challenge and creates the session, if the challenge still exists. */
  finishChallenge(idHash: string, session: SessionRecord, event: NewSecurityEvent): Promise<boolean>;
  /**
   * Deletes the enrollment challenge, links the secret with its first accepted step and the
   * recovery codes, and creates the session, if the challenge exists and no authenticator is
   * linked yet.
   */
  finishEnrollment(
    idHash: string,
    link: { userId: string; secretSealed: string; step: number; recoveryCodeHashes: string[] },
    session: SessionRecord,
    events: NewSecurityEvent[],
  ): Promise<boolean>;

  // Throttling, shared by every instance that uses the same database
  /** Counts one attempt on `key` up front, unless the key is waiting; see ThrottleRule. */
  reserveAttempt(key: string, now: number, rule: ThrottleRule): Promise<ThrottleDecision>;
  clearAttempts(key: string): Promise<void>;

  // Security events
  appendEvent(event: NewSecurityEvent): Promise<void>;
  listEvents(orgId: string, beforeId: number | null, limit: number): Promise<SecurityEventRecord[]>;

  /**
   * Deletes what can no longer be used: challenges past their end, sessions past their absolute
   * end or idle for `idleMs`, and throttle counters untouched for `forgetAfterMs`. Returns how
   * many rows went.
   */
  prune(now: number, limits: { idleMs: number; forgetAfterMs: number }): Promise<number>;

  close(): Promise<void>;
}
