import type { NewSecurityEvent, SessionRecord, SignInBasis, SignInCheck } from '../records.ts';
import type { SessionContext } from '../store-types.ts';

/** Sessions: created at sign-in, read on every request, ended in many ways. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface SessionStore {
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
}
