import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeJwt } from 'jose';
import { createTokenCache } from '../src/token-cache.ts';
import { password, serverHarness } from './harness.ts';

function source(lifeMs: number, clock: { now: number }) {
  let issued = 0;
  const pending: Array<() => void> = [];
  return {
    get issued() {
      return issued;
    },
    /** Holds every answer until `release`, to see callers pile up behind one request. */
    hold: false,
    release: () => pending.splice(0).forEach((go) => go()),
    async fetch() {
      issued++;
      const token = `token-${issued}`;
      if (this.hold) await new Promise<void>((go) => pending.push(go));
      return { token, expiresAt: new Date(clock.now + lifeMs).toISOString() };
    },
  };
}

test('one request in flight however many callers; the token is kept until 30 seconds before it expires', async () => {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const tokens = source(300_000, clock);
  const cache = createTokenCache(
    () => tokens.fetch(),
    () => clock.now,
  );
  tokens.hold = true;
  const callers = Array.from({ length: 10 }, () => cache.get());
  tokens.release();
  assert.deepEqual(new Set(await Promise.all(callers)), new Set(['token-1']));
  assert.equal(tokens.issued, 1);
  tokens.hold = false;
  clock.now += 269_000;
  assert.equal(await cache.get(), 'token-1');
  clock.now += 2000;
  assert.equal(await cache.get(), 'token-2', 'renewed inside the last 30 seconds');
  assert.equal(tokens.issued, 2);
});

test('a short-lived token is renewed at half its life; a failure is not kept; a drop forgets the token and the request in flight', async () => {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const tokens = source(20_000, clock);
  const cache = createTokenCache(
    () => tokens.fetch(),
    () => clock.now,
  );
  assert.equal(await cache.get(), 'token-1');
  clock.now += 9000;
  assert.equal(await cache.get(), 'token-1');
  clock.now += 2000;
  assert.equal(await cache.get(), 'token-2');

  let fail = true;
  const flaky = createTokenCache(
    async () => {
      if (fail) throw new Error('offline');
      return tokens.fetch();
    },
    () => clock.now,
  );
  await assert.rejects(flaky.get(), /offline/);
  fail = false;
  assert.equal(await flaky.get(), 'token-3', 'tried again, not the failure remembered');

  clock.now += 10_000; // token-2 is due for renewal
  tokens.hold = true;
  const inFlight = cache.get();
  cache.drop();
  const after = cache.get();
  tokens.release();
  await inFlight;
  assert.equal(await after, 'token-5', 'a request started before the drop is not shared after it');
  tokens.hold = false;
  assert.equal(await cache.get(), 'token-5');
});

test('the client: one request for parallel callers; a new token after sign-out, another sign-in or a re-authentication', async () => {
  const h = await serverHarness();
  let issued = 0;
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    // Read the URL without touching the body: ky hands over a Request whose body is a stream.
    if ((input instanceof Request ? input.url : String(input)).endsWith('/me/token')) issued++;
    return h.fetch(input, init);
  }) as typeof globalThis.fetch;
  const client = h.client({ fetch });
  await client.login({ username: 'alice', password });
  const [a, b, c] = await Promise.all([client.getToken(), client.getToken(), client.getToken()]);
  assert.equal(issued, 1);
  assert.ok(a === b && b === c);
  assert.equal(decodeJwt(a).username, 'alice');

  h.advance(60_000);
  await client.reauthenticate({ password });
  const afterReauth = await client.getToken();
  assert.notEqual(afterReauth, a, 'the new auth_time needs a new token');
  assert.ok((decodeJwt(afterReauth).auth_time as number) > (decodeJwt(a).auth_time as number));

  await client.logout();
  await assert.rejects(client.getToken(), (error: Error & { code?: string }) => error.code === 'unauthenticated');
  await client.login({ username: 'bob', password });
  assert.equal(decodeJwt(await client.getToken()).username, 'bob', "never the previous person's token");
});
