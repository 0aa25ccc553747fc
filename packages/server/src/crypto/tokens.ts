import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { RandomSource } from '../ports.ts';
import { toBase64Url } from './encoding.ts';

const encoder = new TextEncoder();

/** A 256-bit opaque bearer secret (session token, challenge id). */
export function newToken(random: RandomSource): string {
  return toBase64Url(random.bytes(32));
}

/**
 * What the database keeps of a token: its SHA-256. Tokens carry 256 bits of entropy, so an
 * unsalted fast hash is enough; a stolen table cannot be replayed as cookies.
 */
export function tokenHash(token: string): string {
  return bytesToHex(sha256(encoder.encode(token)));
}

/** A non-guessable record id with a readable prefix (`usr_…`, `org_…`). */
export function newId(prefix: string, random: RandomSource): string {
  return `${prefix}_${toBase64Url(random.bytes(12))}`;
}
