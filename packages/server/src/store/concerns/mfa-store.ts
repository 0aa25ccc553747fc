import type { NewSecurityEvent } from '../records.ts';
import type { LastFactorRefusal } from '../store-types.ts';

/** The linked authenticator: its replay state, its recovery codes, and unlinking it. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface MfaStore {
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
}
