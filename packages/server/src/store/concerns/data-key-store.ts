import type { SealedOwner } from '../records.ts';

/** The data key's fingerprint, the secrets it seals, and their re-sealing by `rotate-key`. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface DataKeyStore {
  /**
   * Re-seals every sealed secret (TOTP secrets linked and pending, token signing keys, webhook
   * signing secrets current and previous) with
   * `reseal`, and records the new key's fingerprint, in one transaction: either all of it changes
   * or none does. Answers how many; `key_changed` when the recorded fingerprint is not
   * `keys.from` (another rotation), `in_use` when a server still holds the database (where the
   * store can tell: PostgreSQL).
   */
  resealSecrets(
    reseal: (sealed: string, owner: SealedOwner) => Promise<string>,
    keys: { from: string; to: string },
  ): Promise<number | 'key_changed' | 'in_use'>;
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
}
