import type { MfaCounts, NewSecurityEvent, UserListQuery, UserRecord } from '../records.ts';
import type { PasswordChange, PasswordChangeResult } from '../store-types.ts';

/** Users: lookup, listing, creation and deletion, the password and the MFA switch. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface UserStore {
  getUser(id: string): Promise<UserRecord | null>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  /** Which of these usernames are taken already (by any organization). */
  takenUsernames(usernames: readonly string[]): Promise<string[]>;
  /**
   * Creates every user of an import with its event, in one transaction: all of them, or none
   * (`conflict` when a username was taken meanwhile). Sealed secrets must be under the current key.
   */
  importUsers(users: readonly UserRecord[], events: readonly NewSecurityEvent[]): Promise<'created' | 'conflict'>;
  createUser(user: UserRecord, event: NewSecurityEvent): Promise<'created' | 'conflict'>;
  /** Deletes the user with its sessions, challenges and recovery codes. */
  deleteUser(userId: string, event: NewSecurityEvent): Promise<boolean>;
  listUsers(orgId: string, query: UserListQuery): Promise<UserRecord[]>;
  /** How many of the organization's users have a passkey, the app only, or no second factor. */
  countMfa(orgId: string): Promise<MfaCounts>;
  /**
   * Replaces the hash if it is still `expectedHash` (compare-and-set). With `keepSession`, that
   * session must still exist, and every other session and pending challenge of the user ends.
   */
  replacePasswordHash(
    userId: string,
    change: PasswordChange,
    event: NewSecurityEvent | null,
  ): Promise<PasswordChangeResult>;
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
}
