import { argon2idAsync } from '@noble/hashes/argon2.js';
import { constantTimeEqual } from './constant-time.ts';
import {
  argon2Defaults,
  formatArgon2idPhc,
  parseArgon2idPhc,
  sameParams,
  type Argon2Params,
  type PasswordHasher,
} from './password-hasher.ts';

/**
 * Argon2id in pure JavaScript, for runtimes without the native module (the in-browser demo).
 * About 20× slower than native; `asyncTick` yields so a hash never freezes the page.
 * Produces the same PHC strings as the native hasher, so hashes verify across both.
 */
export function createNobleArgon2Hasher(params: Argon2Params = argon2Defaults): PasswordHasher {
  const derive = (password: string, salt: Uint8Array, p: Argon2Params) =>
    argon2idAsync(new TextEncoder().encode(password), salt, {
      m: p.memoryKiB,
      t: p.iterations,
      p: p.parallelism,
      dkLen: 32,
      asyncTick: 10,
    });
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      return formatArgon2idPhc({ params, salt, hash: await derive(password, salt, params) });
    },
    async verify(phc, password) {
      const parsed = parseArgon2idPhc(phc);
      if (!parsed) return false;
      return constantTimeEqual(await derive(password, parsed.salt, parsed.params), parsed.hash);
    },
    needsRehash: (phc) => !sameParams(phc, params),
  };
}
