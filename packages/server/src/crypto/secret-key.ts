import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** Reads a 32-byte key given as 64 hex digits or as base64; anything else is an error. */
export function parseSecretKey(text: string): Uint8Array {
  const trimmed = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (bytes.length !== 32) throw new Error('the secret key must be 32 bytes: 64 hex digits or base64');
  return new Uint8Array(bytes);
}

/**
 * For local runs without PORTCULLIS_SECRET_KEY: a key generated once and kept beside the
 * database, readable by its owner only. Losing it makes every linked authenticator unreadable.
 */
export function loadOrCreateSecretKey(path: string): { key: Uint8Array; created: boolean } {
  if (existsSync(path)) {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return { key: parseSecretKey(readFileSync(path, 'utf8')), created: false };
  }
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key: new Uint8Array(key), created: true };
}
