import type { ChallengeRecord, NewSecurityEvent, SessionRecord, SignInBasis, SignInCheck } from '../records.ts';
import type { EnrollmentLink, EnrollmentSession } from '../store-types.ts';

/** Login challenges and "Set up now" enrollments: single use, each finished by one transaction. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface ChallengeStore {
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
   * Spends an answered MFA challenge and stores `next` (a passkey setup, #30) in its place, if the
   * challenge still exists: of two answers, one goes on.
   */
  exchangeChallenge(idHash: string, next: ChallengeRecord): Promise<boolean>;
  /**
   * Deletes the enrollment challenge, and, if the user still has no factor at all (no app, no
   * passkey: decided inside the transaction), links the secret
   * with its first accepted step and the recovery codes, turns the user's switch on, ends the
   * user's other challenges and creates the session (or marks the existing one as having passed
   * MFA). A challenge that loses the race is deleted all the same.
   */
  finishEnrollment(
    idHash: string,
    link: EnrollmentLink,
    session: EnrollmentSession,
    events: NewSecurityEvent[],
  ): Promise<boolean>;
}
