import { pbkdf2, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { verify as argon2Verify } from '@node-rs/argon2';
import { verify as bcryptVerify } from '@node-rs/bcrypt';
import pLimit from 'p-limit';
import type { ImportedHashVerifier, ParsedImportedHash } from './imported-hash.ts';

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Uint8Array,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/**
 * Imported hashes verified by maintained implementations, on libuv's thread pool (Node only):
 * Argon2 by @node-rs/argon2, bcrypt by @node-rs/bcrypt, scrypt and PBKDF2 by node:crypto
 * (OpenSSL), compared in constant time. At most one per core at once, like Argon2id sign-ins.
 */
export function createImportedHashVerifier(concurrency: number = availableParallelism()): ImportedHashVerifier {
  const limit = pLimit(concurrency);
  const same = (derived: Uint8Array, expected: Uint8Array) =>
    derived.length === expected.length && timingSafeEqual(derived, expected);
  async function check(parsed: ParsedImportedHash, hash: string, password: string): Promise<boolean> {
    switch (parsed.format) {
      case 'argon2id':
      case 'argon2i':
        return argon2Verify(hash, password);
      case 'bcrypt':
        return bcryptVerify(password, hash);
      case 'scrypt': {
        const N = 2 ** parsed.logN;
        const derived = await scryptAsync(password, parsed.salt, parsed.hash.length, {
          N,
          r: parsed.r,
          p: parsed.p,
          maxmem: 256 * N * parsed.r + 1024 * 1024,
        });
        return same(derived, parsed.hash);
      }
      case 'pbkdf2-sha256':
      case 'pbkdf2-sha512': {
        const digest = parsed.format === 'pbkdf2-sha256' ? 'sha256' : 'sha512';
        const derived = await pbkdf2Async(password, parsed.salt, parsed.iterations, parsed.hash.length, digest);
        return same(derived, parsed.hash);
      }
    }
  }
  return {
    verify: (parsed, hash, password) => limit(() => check(parsed, hash, password).catch(() => false)),
  };
}
