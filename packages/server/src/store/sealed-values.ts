/**
 * What the store knows of a sealed secret (`crypto/secret-box.ts` makes them): the key it names.
 * The store refuses to write a value sealed with a key that is not the database's (#28 F2).
 */

/**
 * A sealed value of another key: the data key was rotated (`rotate-key`) while this process
 * kept the old one, or the value is older than a rotation that missed it. Never a 500 in silence.
 */
export class SealedWithOtherKeyError extends Error {
  override name = 'SealedWithOtherKeyError';
}

/** The key fingerprint a sealed value names (`v2.<fingerprint>.…`); null for a `v1` value, which names none. */
export function sealedKeyFingerprint(sealed: string): string | null {
  const [tag, fingerprint] = sealed.split('.');
  return tag === 'v2' && fingerprint !== undefined ? fingerprint : null;
}
