import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';
import {
  argon2Defaults,
  parseArgon2idPhc,
  sameParams,
  type Argon2Params,
  type PasswordHasher,
} from './password-hasher.ts';

/** `Algorithm.Argon2id`, an ambient const enum that isolated modules cannot read. */
const argon2idAlgorithm = 2;

/**
 * How many hashes run at once by default: one per core but one, so the event loop always has a
 * core for the requests that do not hash (a session check stays under 10 ms at p99 while logins
 * run flat out, #21); one on a single core.
 */
export function defaultHashBudget(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Argon2id through the native @node-rs/argon2 (Node only). Hashing runs on libuv's thread pool,
 * so the event loop keeps answering other requests meanwhile; at most `concurrency` hashes run at
 * once, so a burst of logins queues instead of starving the event loop of CPU.
 */
export function createNativeArgon2Hasher(
  params: Argon2Params = argon2Defaults,
  concurrency: number = defaultHashBudget(),
): PasswordHasher {
  const limit = pLimit(concurrency);
  return {
    hash: (password) =>
      limit(() =>
        hash(password, {
          algorithm: argon2idAlgorithm,
          memoryCost: params.memoryKiB,
          timeCost: params.iterations,
          parallelism: params.parallelism,
          outputLen: 32,
        }),
      ),
    async verify(phc, password) {
      // Anything that is not one of our PHC strings is a mismatch, never an exception.
      if (!parseArgon2idPhc(phc)) return false;
      return limit(() => verify(phc, password));
    },
    needsRehash: (phc) => !sameParams(phc, params),
  };
}
