/**
 * `npm run bench:verify -w @portcullis/sdk`: how many tokens a backend verifies per second with
 * `@portcullis/sdk/verify` in Node, on one core: a real token from the server's signing path, the
 * JWKS fetched once and cached (as in production). Prints figures; asserts nothing.
 */
import { createApp, createMemoryStore, createOrganization } from '@portcullis/server';
import { createVerifier } from '@portcullis/sdk/verify';
import { createClient } from '@portcullis/sdk';
import { createNativeArgon2Hasher } from '@portcullis/server/node';

const password = 'a benchmark passphrase, long enough';
const store = createMemoryStore();
const deps = { store, hasher: createNativeArgon2Hasher(), secretKey: new Uint8Array(32).fill(3) };
await createOrganization(deps, { name: 'Bench', root: { username: 'bench-root', password } });
const app = createApp(deps);
const fetch = (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init));
const client = createClient({
  baseUrl: 'http://localhost/api/v1',
  tokenType: 'bearer',
  fetch: fetch as typeof globalThis.fetch,
});
await client.login({ username: 'bench-root', password });
const token = await client.getToken();
const verifier = createVerifier({
  issuer: 'http://localhost',
  audience: 'http://localhost',
  fetch: fetch as typeof globalThis.fetch,
});
await verifier.verify(token);

for (const seconds of [1, 3]) {
  let count = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    await verifier.verify(token);
    count++;
  }
  console.log(
    `verify(): ${Math.round(count / seconds).toLocaleString('en')} tokens/s over ${seconds} s (Node ${process.versions.node}, one core, EdDSA, cached JWKS)`,
  );
}
