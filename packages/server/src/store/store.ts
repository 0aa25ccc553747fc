import type {
  ChallengeRecord,
  NewSecurityEvent,
  OrganizationRecord,
  PasskeyRecord,
  SecurityEventRecord,
  SessionRecord,
  SignInBasis,
  SignInCheck,
  SealedOwner,
  SigningKeyRecord,
  ThrottleDecision,
  ThrottleRule,
  UserListQuery,
  UserRecord,
  WebauthnChallengeRecord,
} from './records.ts';

export type * from './records.ts';

/** A password change as a compare-and-set on the stored hash. */
export interface PasswordChange {
  expectedHash: string;
  hash: string;
  singleFactorOk: boolean;
  /**
   * The session that changes it: it must still exist, and only it survives. Null for a rehash.
   * A change to a password short of the single-factor minimum needs a factor still linked,
   * decided under the user's factor lock (security rule 1).
   */
  keepSession: string | null;
}

/** How a password change ended: `stale` when the hash or the session changed meanwhile. */
export type PasswordChangeResult = 'replaced' | 'stale' | 'needs_factor';

/** Why the last factor may not go, decided inside the transaction that would remove it. */
export type LastFactorRefusal = 'mfa_enforced' | 'password_too_short';

/** What an enrollment links. */
export interface EnrollmentLink {
  userId: string;
  secretSealed: string;
  step: number;
  recoveryCodeHashes: string[];
}

/** How a new passkey was authorized: by the session adding it, as the first factor or not. */
export interface PasskeyAddition {
  /** The session adding it: it must still be the user's. */
  session: string;
  /** Set when this is the user's first factor: the recovery codes that come with it. */
  first: { recoveryCodeHashes: string[] } | null;
}

/** A login enrollment creates its session; a "Set up now" one upgrades the session it runs in. */
export type EnrollmentSession = { create: SessionRecord } | { upgrade: string };

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
  /**
   * Sets the policy. Enforcing also ends every session of the organization that did not pass
   * MFA, except `keepSession` (the root's own, which is changing the policy).
   */
  setEnforceMfa(orgId: string, enforce: boolean, at: number, event: NewSecurityEvent, keepSession: string): Promise<OrganizationRecord>;

  // Users
  getUser(id: string): Promise<UserRecord | null>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  createUser(user: UserRecord, event: NewSecurityEvent): Promise<'created' | 'conflict'>;
  /** Deletes the user with its sessions, challenges and recovery codes. */
  deleteUser(userId: string, event: NewSecurityEvent): Promise<boolean>;
  listUsers(orgId: string, query: UserListQuery): Promise<UserRecord[]>;
  /**
   * Replaces the hash if it is still `expectedHash` (compare-and-set). With `keepSession`, that
   * session must still exist, and every other session and pending challenge of the user ends.
   */
  replacePasswordHash(userId: string, change: PasswordChange, event: NewSecurityEvent | null): Promise<PasswordChangeResult>;
  /**
   * Notes whether the password with hash `passwordHash` meets the single-factor minimum; nothing
   * when the password changed meanwhile (the flag would describe the old one).
   */
  notePasswordStrength(userId: string, passwordHash: string, singleFactorOk: boolean): Promise<void>;
  /**
   * Sets the user's switch. Turning it on ends every other session of the user that did not
   * pass a second factor (all but `keepSession`, security rule 18a).
   */
  setMfaEnabled(userId: string, enabled: boolean, event: NewSecurityEvent, keepSession: string | null): Promise<void>;
  /**
   * Unlinks the authenticator and its recovery codes, drops pending challenges, clears the
   * recent authentication of the user's sessions; with `passkeys` removes the passkeys too, and
   * with `endSessions` ends every session. With `disable` (MFA turned off) it is refused, and
   * nothing changes, while the organization enforces MFA or the password could not stand alone:
   * both read under the user's factor lock.
   */
  unlinkMfa(
    userId: string,
    options: { disable: boolean; endSessions: boolean; passkeys?: boolean },
    event: NewSecurityEvent,
  ): Promise<'unlinked' | LastFactorRefusal>;
  /** Records `step` as the last accepted TOTP step if it is later than the one stored. */
  claimTotpStep(userId: string, step: number): Promise<boolean>;
  countRecoveryCodes(userId: string): Promise<number>;
  consumeRecoveryCode(userId: string, codeHash: string, event: NewSecurityEvent): Promise<boolean>;
  /** Replaces the set; false (and nothing changed) when no authenticator is linked. */
  replaceRecoveryCodes(userId: string, codeHashes: string[], event: NewSecurityEvent): Promise<boolean>;

  // Sessions
  /**
   * Creates a sign-in's session if what the sign-in decided on still holds (`basis`, checked
   * inside the transaction under the user's lock); otherwise nothing is written and the answer
   * says why.
   */
  createSession(session: SessionRecord, event: NewSecurityEvent | null, basis: SignInBasis): Promise<SignInCheck>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  /** The session with its user and organization in one read: the hot path of every request. */
  getSessionContext(tokenHash: string): Promise<SessionContext | null>;
  /** Marks activity on the session and on its user. */
  touchSession(tokenHash: string, userId: string, at: number): Promise<void>;
  /**
   * Records a re-authentication and how it was made (`amr`, as tokens report it); one with the
   * second factor also marks the session as having passed MFA.
   */
  setSessionReauth(tokenHash: string, at: number, secondFactor: boolean, amr: readonly string[]): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** The user's sessions, most recently active first. */
  listSessions(userId: string): Promise<SessionRecord[]>;
  /** Ends one of the user's sessions by its public id; false when the user has none by that id. */
  endSessionById(userId: string, sessionId: string, event: NewSecurityEvent): Promise<boolean>;
  /** Ends every session of the user but `keepTokenHash` (every one when null); answers how many ended. */
  endUserSessions(userId: string, keepTokenHash: string | null, event: NewSecurityEvent): Promise<number>;

  // Challenges: login challenges, and "Set up now" enrollments bound to a session
  /**
   * Stores a challenge; one bound to a session replaces that session's earlier enrollment. A
   * login challenge comes with its sign-in's `basis`, checked as `createSession` checks it.
   */
  createChallenge(challenge: ChallengeRecord, basis?: SignInBasis): Promise<SignInCheck>;
  getChallenge(idHash: string): Promise<ChallengeRecord | null>;
  /** The pending "Set up now" enrollment of a session. */
  getSessionEnrollment(sessionHash: string): Promise<ChallengeRecord | null>;
  /** Counts a wrong code; at `maxFailures` the challenge is deleted. Returns the failures so far. */
  failChallenge(idHash: string, maxFailures: number): Promise<number>;
  /** Deletes the challenge and creates the session, if the challenge still exists. */
  finishChallenge(idHash: string, session: SessionRecord, event: NewSecurityEvent): Promise<boolean>;
  /**
   * Deletes the enrollment challenge, and, if the user still has no factor at all (no app, no
   * passkey: decided inside the transaction), links the secret
   * with its first accepted step and the recovery codes, turns the user's switch on, ends the
   * user's other challenges and creates the session (or marks the existing one as having passed
   * MFA). A challenge that loses the race is deleted all the same.
   */
  finishEnrollment(idHash: string, link: EnrollmentLink, session: EnrollmentSession, events: NewSecurityEvent[]): Promise<boolean>;

  // Throttling, shared by every instance that uses the same database
  /** Counts one attempt on `key` up front, unless the key is waiting; see ThrottleRule. */
  reserveAttempt(key: string, now: number, rule: ThrottleRule): Promise<ThrottleDecision>;
  /** Takes back one reserved attempt that turned out a success (for keys a success must not clear). */
  releaseAttempt(key: string, rule: ThrottleRule): Promise<void>;
  clearAttempts(key: string): Promise<void>;

  // Security events
  appendEvent(event: NewSecurityEvent): Promise<void>;
  listEvents(orgId: string, beforeId: number | null, limit: number): Promise<SecurityEventRecord[]>;
  /** Events of one organization (every one when null) at or after `since`, oldest first. */
  listEventsSince(orgId: string | null, since: number, limit: number): Promise<SecurityEventRecord[]>;

  // Passkeys
  listPasskeys(userId: string): Promise<PasskeyRecord[]>;
  findPasskeyByCredentialId(credentialId: string): Promise<PasskeyRecord | null>;
  /**
   * Registers a passkey and turns the user's MFA switch on (it is a second factor), and ends the
   * user's pending login and enrollment challenges (a factor changed). `first` says the caller
   * authorized this as the user's first factor (a recent password was enough): the session then
   * counts as having passed MFA and the recovery codes come with it. Decided inside the
   * transaction: `changed` when the user's factors are no longer what the caller authorized
   * against (one was linked or removed meanwhile) or the session is gone; `duplicate` when the
   * credential is registered already.
   */
  addPasskey(passkey: PasskeyRecord, addition: PasskeyAddition, event: NewSecurityEvent): Promise<'added' | 'duplicate' | 'changed'>;
  /**
   * An enrollment at login answered with a passkey: deletes the challenge and, if the user still
   * has no factor, registers the passkey with its recovery codes, turns the switch on, ends the
   * user's other challenges and creates the session. A challenge that lost a race is gone too.
   */
  finishPasskeyEnrollment(idHash: string, passkey: PasskeyRecord, recoveryCodeHashes: string[], session: SessionRecord, events: NewSecurityEvent[]): Promise<boolean>;
  renamePasskey(userId: string, id: string, name: string): Promise<PasskeyRecord | null>;
  /**
   * Removes one of the user's passkeys and ends their pending challenges. Whether it is the last
   * factor is decided inside the transaction: then it goes only while the organization does not
   * enforce MFA and the password can stand alone, both read under the same lock (the switch
   * goes off and the recovery codes go, with `lastEvents` written too); otherwise the answer
   * names the refusal and nothing changes.
   */
  removePasskey(
    userId: string,
    id: string,
    lastEvents: NewSecurityEvent[],
    events: NewSecurityEvent[],
  ): Promise<'removed' | 'last_removed' | 'not_found' | LastFactorRefusal>;
  /**
   * Records a use: the counter moves to `counter` only if that is later than the stored one (or
   * both are 0: the authenticator does not count). False otherwise, which is how a clone shows.
   */
  usePasskey(id: string, counter: number, at: number): Promise<boolean>;
  /** Stores a ceremony; one bound to a session replaces that session's earlier one of the same purpose. */
  createWebauthnChallenge(challenge: WebauthnChallengeRecord): Promise<void>;
  /** Takes a session's ceremony of that purpose out (single use). */
  consumeWebauthnChallenge(key: { sessionHash: string; purpose: WebauthnChallengeRecord['purpose'] }): Promise<WebauthnChallengeRecord | null>;
  /**
   * Notes that a sign-in ceremony (stored nowhere until answered) was answered, until it would
   * have expired anyway. False when it was answered before: a second answer is a replay.
   */
  spendWebauthnChallenge(idHash: string, expiresAt: number): Promise<boolean>;

  // Signing keys for tokens, shared by every instance
  /** The keys still published (not past `dropAfter`), newest `activeFrom` first. */
  listSigningKeys(now: number): Promise<SigningKeyRecord[]>;
  /** Stores `key` as the first key, unless some instance stored one already; answers the keys as after. */
  addFirstSigningKey(key: SigningKeyRecord, now: number): Promise<SigningKeyRecord[]>;
  /** Adds `key` as the next key; the ones before it are dropped after `previousDropAfter`. */
  rotateSigningKey(key: SigningKeyRecord, previousDropAfter: number): Promise<void>;

  // The operator's commands
  listOrganizations(): Promise<OrganizationRecord[]>;
  /**
   * Re-seals every sealed secret (TOTP secrets linked and pending, token signing keys) with
   * `reseal`, and records the new key's fingerprint, in one transaction: either all of it changes
   * or none does. Answers how many; `key_changed` when the recorded fingerprint is not
   * `keys.from` (another rotation), `in_use` when a server still holds the database (where the
   * store can tell: PostgreSQL).
   */
  resealSecrets(reseal: (sealed: string, owner: SealedOwner) => Promise<string>, keys: { from: string; to: string }): Promise<number | 'key_changed' | 'in_use'>;
  /**
   * The fingerprint of the key the stored secrets are sealed with (#28 F2). Records `fingerprint`
   * when none is recorded yet (a new database, or one from before fingerprints); answers the one
   * recorded. A write of a value sealed with any other key is refused with SealedWithOtherKeyError.
   */
  adoptKeyFingerprint(fingerprint: string): Promise<string>;
  /** The sealed secrets (TOTP secrets linked and pending, signing keys) that do not name `fingerprint`: to check at start-up. */
  sealedSecretsNotUnder(fingerprint: string): Promise<Array<{ owner: SealedOwner; sealed: string; pending: boolean }>>;
  /**
   * Marks this process as a server on the database until the store closes, so that `rotate-key`
   * can tell that one is running (PostgreSQL: a shared advisory lock; elsewhere nothing).
   */
  holdInstanceLock(): Promise<void>;

  /**
   * Deletes what can no longer be used: challenges past their end, sessions past their absolute
   * end or idle for `idleMs`, and throttle counters untouched for `forgetAfterMs`. Returns how
   * many rows went.
   */
  prune(now: number, limits: { idleMs: number; forgetAfterMs: number }): Promise<number>;

  /** Answers when the storage can be reached; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;

  close(): Promise<void>;
}

/**
 * The storage cannot be reached (PostgreSQL stopped, the network between down, a pool that
 * cannot connect in time). Requests answer `unavailable` (503) and may be retried; nothing was
 * half-written, because every change is one transaction.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** The database was migrated by a newer version than this one: upgrade the server, do not touch it. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}
