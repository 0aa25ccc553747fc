import type { SigningKeyRecord, SigningKeyStore } from '../store.ts';
import type { MemoryState } from './memory-state.ts';

/** The memory store's signing keys, as `store/sql/signing-keys-sql.ts` has them in SQL. */
export function signingKeysInMemory(state: MemoryState): SigningKeyStore {
  const { signingKeys, assertSealedWithCurrentKey } = state;
  const published = (now: number): SigningKeyRecord[] =>
    [...signingKeys.values()]
      .filter((k) => k.dropAfter === null || k.dropAfter > now)
      .sort((a, b) => b.activeFrom - a.activeFrom || a.kid.localeCompare(b.kid))
      .map((k) => ({ ...k }));
  return {
    async listSigningKeys(now) {
      return published(now);
    },
    async addFirstSigningKey(key, now) {
      if (published(now).length === 0) {
        assertSealedWithCurrentKey(key.privateSealed);
        signingKeys.set(key.kid, { ...key, dropAfter: null });
      }
      return published(now);
    },
    async rotateSigningKey(key, previousDropAfter) {
      assertSealedWithCurrentKey(key.privateSealed);
      for (const [kid, k] of signingKeys)
        if (k.dropAfter === null) signingKeys.set(kid, { ...k, dropAfter: previousDropAfter });
      signingKeys.set(key.kid, { ...key, dropAfter: null });
    },
  };
}
