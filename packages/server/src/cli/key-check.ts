import { createSecretBox } from '../crypto/secret-box.ts';
import { totpAssociatedData } from '../domain/mfa/second-factor.ts';
import type { Store } from '../store/store.ts';
import { UsageError } from './usage-error.ts';

/**
 * Refuses to serve with a key that does not open the stored TOTP secrets (an instance left on
 * the old key after `rotate-key`, a key file restored from the wrong place): every sign-in with
 * an authenticator would fail with a 500. One secret is enough to tell, since a rotation
 * re-seals all of them in one transaction.
 */
export async function checkSecretKey(store: Store, key: Uint8Array, source: string): Promise<void> {
  const sample = await store.sampleSealedSecret();
  if (!sample) return;
  try {
    await (await createSecretBox(key)).open(sample.sealed, totpAssociatedData(sample.userId));
  } catch {
    throw new UsageError(`the secret key from ${source} does not open the TOTP secrets in this database; start with the key they were sealed with (after rotate-key, the new one)`);
  }
}
