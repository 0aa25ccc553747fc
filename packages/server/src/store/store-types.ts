import type { OrganizationRecord, SessionRecord, UserRecord } from './records.ts';

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
