import { SealedWithOtherKeyError } from '../store/sealed-values.ts';
import { fromBase64Url, toBase64Url } from './encoding.ts';

export { SealedWithOtherKeyError, sealedKeyFingerprint } from '../store/sealed-values.ts';

/**
 * AES-256-GCM encryption of TOTP secrets at rest, through WebCrypto so that the same code runs in
 * Node and in the browser demo. The associated data binds a ciphertext to its owner, so a row
 * copied onto another user does not decrypt. Each sealed value names the key that sealed it by
 * its fingerprint (`v2.<fingerprint>.<iv>.<ciphertext>`), so a value sealed with a key that is
 * no longer the database's is found without trying it (#28 F2); `v1` values, from before, name none.
 */
export interface SecretBox {
  /** Names the key without giving anything of it away: 16 hex digits of an HMAC under it. */
  readonly fingerprint: string;
  seal(plaintext: string, associatedData: string): Promise<string>;
  /** Throws SealedWithOtherKeyError for a value another key sealed. */
  open(sealed: string, associatedData: string): Promise<string>;
}

const encoder = new TextEncoder();

async function fingerprintOf(rawKey: Uint8Array): Promise<string> {
  const hmac = await crypto.subtle.importKey('raw', new Uint8Array(rawKey), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmac, encoder.encode('portcullis key fingerprint v1')));
  return Array.from(mac.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function createSecretBox(rawKey: Uint8Array): Promise<SecretBox> {
  if (rawKey.length !== 32) throw new Error('The secret key must be exactly 32 bytes');
  const key = await crypto.subtle.importKey('raw', new Uint8Array(rawKey), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const fingerprint = await fingerprintOf(rawKey);
  return {
    fingerprint,
    async seal(plaintext, associatedData) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ciphertext = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(associatedData) },
        key,
        encoder.encode(plaintext),
      );
      return `v2.${fingerprint}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
    },
    async open(sealed, associatedData) {
      const parts = sealed.split('.');
      const [iv, ciphertext] = parts[0] === 'v2' ? parts.slice(2) : parts[0] === 'v1' ? parts.slice(1) : [];
      if (!iv || !ciphertext || parts.length !== (parts[0] === 'v2' ? 4 : 3))
        throw new Error('Unknown sealed secret format');
      if (parts[0] === 'v2' && parts[1] !== fingerprint) throw new SealedWithOtherKeyError('sealed with another key');
      const plaintext = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: encoder.encode(associatedData) },
        key,
        fromBase64Url(ciphertext),
      );
      return new TextDecoder().decode(plaintext);
    },
  };
}
