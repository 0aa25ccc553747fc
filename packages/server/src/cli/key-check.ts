import { createSecretBox, sealedKeyFingerprint } from '../crypto/secret-box.ts';
import { associatedDataOf } from '../domain/sealed-secrets.ts';
import type { Store } from '../store/store.ts';
import { UsageError } from './usage-error.ts';

/**
 * Refuses to serve with a key that does not open the stored secrets (TOTP secrets, token signing keys) (an instance left on
 * the old key after `rotate-key`, a key file restored from the wrong place): every sign-in with
 * an authenticator would fail. Every linked secret is checked (#28 F2): one sealed under this
 * key names its fingerprint, one from before fingerprints is opened. Only then is this key's
 * fingerprint recorded, if none is yet, and compared with the one the database has: after a
 * rotation, the old key is refused even while no secret is stored.
 */
export async function checkSecretKey(store: Store, key: Uint8Array, source: string): Promise<void> {
  const box = await createSecretBox(key);
  const unreadable: string[] = [];
  let signingKeys = 0;
  let webhookSecrets = 0;
  for (const { owner, sealed, pending } of await store.sealedSecretsNotUnder(box.fingerprint)) {
    // A pending enrollment lives five minutes; one that does not open is started again.
    if (pending) continue;
    if (
      sealedKeyFingerprint(sealed) === null &&
      (await box.open(sealed, associatedDataOf(owner)).then(
        () => true,
        () => false,
      ))
    )
      continue;
    if (owner.kind === 'totp') unreadable.push(owner.userId);
    else if (owner.kind === 'signing-key') signingKeys++;
    else webhookSecrets++;
  }
  if (webhookSecrets > 0) {
    throw new UsageError(
      `the secret key from ${source} does not open the webhook signing secrets in this database (${webhookSecrets}); start with the key they were sealed with (after rotate-key, the new one)`,
    );
  }
  if (signingKeys > 0) {
    throw new UsageError(
      `the secret key from ${source} does not open the token signing keys in this database; start with the key they were sealed with (after rotate-key, the new one)`,
    );
  }
  if (unreadable.length > 0) {
    const names = await Promise.all(
      unreadable.slice(0, 5).map(async (id) => (await store.getUser(id))?.username ?? id),
    );
    const who = `${names.join(', ')}${unreadable.length > names.length ? ` and ${unreadable.length - names.length} more` : ''}`;
    throw new UsageError(
      `the secret key from ${source} does not open the TOTP secrets in this database (${unreadable.length} of them: ${who}); start with the key they were sealed with (after rotate-key, the new one), or reset those users' MFA with reset-mfa`,
    );
  }
  if ((await store.adoptKeyFingerprint(box.fingerprint)) !== box.fingerprint) {
    throw new UsageError(
      `the secret key from ${source} is not the one this database's secrets are sealed with (rotate-key changed it); start with the new key`,
    );
  }
}
