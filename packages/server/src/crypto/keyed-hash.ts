import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const encoder = new TextEncoder();

/**
 * HMAC-SHA-256 under a key derived from the server key, for lookup keys that must not keep
 * what people typed (throttle counters are keyed by typed usernames, which can hold a password
 * typed into the wrong field). Without the server key the table cannot be matched to names.
 */
export function createKeyedHash(secretKey: Uint8Array): (text: string) => string {
  const key = hmac(sha256, secretKey, encoder.encode('portcullis/throttle-keys/v1'));
  return (text) => bytesToHex(hmac(sha256, key, encoder.encode(text)));
}
