import type { NewSecurityEvent, PasskeyRecord, SessionRecord, WebauthnChallengeRecord } from '../records.ts';
import type { LastFactorRefusal, PasskeyAddition } from '../store-types.ts';

/** Passkeys and the WebAuthn ceremonies in progress. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface PasskeyStore {
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
  addPasskey(
    passkey: PasskeyRecord,
    addition: PasskeyAddition,
    event: NewSecurityEvent,
  ): Promise<'added' | 'duplicate' | 'changed'>;
  /**
   * An enrollment at login answered with a passkey: deletes the challenge and, if the user still
   * has no factor, registers the passkey with its recovery codes, turns the switch on, ends the
   * user's other challenges and creates the session. A challenge that lost a race is gone too.
   */
  finishPasskeyEnrollment(
    idHash: string,
    passkey: PasskeyRecord,
    recoveryCodeHashes: string[],
    session: SessionRecord,
    events: NewSecurityEvent[],
  ): Promise<boolean>;
  /**
   * Finishes a passkey setup challenge (#30): deletes it (only a `passkey_setup` one), registers
   * the passkey beside the user's factors (their recovery codes stay), ends their other pending
   * challenges and single-factor sessions, and creates the session. False when the challenge is
   * gone (answered, or ended by a change of factors) or the credential is registered already.
   */
  finishPasskeySetup(
    idHash: string,
    passkey: PasskeyRecord,
    session: SessionRecord,
    events: NewSecurityEvent[],
  ): Promise<boolean>;
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
  consumeWebauthnChallenge(key: {
    sessionHash: string;
    purpose: WebauthnChallengeRecord['purpose'];
  }): Promise<WebauthnChallengeRecord | null>;
  /**
   * Notes that a sign-in ceremony (stored nowhere until answered) was answered, until it would
   * have expired anyway. False when it was answered before: a second answer is a replay.
   */
  spendWebauthnChallenge(idHash: string, expiresAt: number): Promise<boolean>;
}
