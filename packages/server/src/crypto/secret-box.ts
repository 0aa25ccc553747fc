import { fromBase64Url, toBase64Url } from './encoding.ts';

/**
 * AES-256-GCM encryption of TOTP secrets at rest, through WebCrypto so that the same code runs in
 * Node and in the browser demo. The associated data binds a ciphertext to its owner, so a row
 * copied onto another user does not decrypt.
 */
export interface SecretBox {
  seal(plaintext: string, associatedData: string): Promise<string>;
  open(sealed: string, associatedData: string): Promise<string>;
}

const version = 'v1';

export async function createSecretBox(rawKey: Uint8Array): Promise<SecretBox> {
  if (rawKey.length !== 32) throw new Error('The secret key must be exactly 32 bytes');
  const key = await crypto.subtle.importKey('raw', new Uint8Array(rawKey), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const encoder = new TextEncoder();
  return {
    async seal(plaintext, associatedData) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ciphertext = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(associatedData) },
        key,
        encoder.encode(plaintext),
      );
      return `${version}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
    },
    async open(sealed, associatedData) {
      const [tag, iv, ciphertext] = sealed.split('.');
      if (tag !== version || !iv || !ciphertext) throw new Error('Unknown sealed secret format');
      const plaintext = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: encoder.encode(associatedData) },
        key,
        fromBase64Url(ciphertext),
      );
      return new TextDecoder().decode(plaintext);
    },
  };
}
