// The raw Argon2id verification rate with a given parallelism: the ceiling for logins per second.
import { createNativeArgon2Hasher } from '../src/crypto/native-argon2-hasher.ts';

const parallelism = Number(process.argv[2] ?? 4);
const seconds = Number(process.argv[3] ?? 10);
const hasher = createNativeArgon2Hasher();
const hash = await hasher.hash('a benchmark passphrase');
let done = 0;
const until = performance.now() + seconds * 1000;
await Promise.all(
  Array.from({ length: parallelism }, async () => {
    while (performance.now() < until) {
      await hasher.verify(hash, 'a benchmark passphrase');
      done++;
    }
  }),
);
console.log(`RATE ${done / seconds}`);
