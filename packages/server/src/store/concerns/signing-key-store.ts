import type { SigningKeyRecord } from '../records.ts';

/** The token signing keys every instance shares. Part of `Store` (store/store.ts); each adapter implements it in one module. */
export interface SigningKeyStore {
  /** The keys still published (not past `dropAfter`), newest `activeFrom` first. */
  listSigningKeys(now: number): Promise<SigningKeyRecord[]>;
  /** Stores `key` as the first key, unless some instance stored one already; answers the keys as after. */
  addFirstSigningKey(key: SigningKeyRecord, now: number): Promise<SigningKeyRecord[]>;
  /** Adds `key` as the next key; the ones before it are dropped after `previousDropAfter`. */
  rotateSigningKey(key: SigningKeyRecord, previousDropAfter: number): Promise<void>;
}
