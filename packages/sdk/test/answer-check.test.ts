import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountEndpoints } from '../src/contract/account-routes.ts';
import { createEmitter } from '../src/client-events.ts';
import { isPortcullisError } from '../src/errors.ts';
import type { AnswerCheck } from '../src/response-check.ts';
import { createTransport } from '../src/transport.ts';
import { onDemand } from '../src/on-demand.ts';
import { password, serverHarness } from './harness.ts';

/** The transport over the real server handler, counting requests, with a check that loads as `load` says. */
async function transport(
  load: () => Promise<AnswerCheck>,
  { h, token }: { h?: Awaited<ReturnType<typeof serverHarness>>; token?: string } = {},
) {
  const server = h ?? (await serverHarness());
  const sent: string[] = [];
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push(`${request.method} ${new URL(request.url).pathname}`);
    return server.fetch(request);
  }) as typeof globalThis.fetch;
  let loads = 0;
  const check = onDemand(() => (loads++, load()), 'The check of the answers');
  const call = createTransport(
    { baseUrl: 'http://localhost/api/v1', fetch, timeout: 5_000, retry: 0 },
    () => token,
    createEmitter(),
    check,
  );
  return { call, sent, loads: () => loads };
}

const realCheck = () => import('../src/response-check.ts');
const offline = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

test('the answers are checked by a module loaded at the first call, once', async () => {
  const t = await transport(realCheck);
  assert.equal(t.loads(), 0, 'nothing loads before a call');
  const policy = await t.call(accountEndpoints.passwordPolicy);
  assert.equal(typeof policy.minLength, 'number');
  await t.call(accountEndpoints.passwordPolicy);
  assert.equal(t.loads(), 1);
});

test('an entry without a body (204) needs no check: it is sent and done even when the check cannot load', async () => {
  const h = await serverHarness();
  const signedIn = h.client();
  await signedIn.login({ username: 'alice', password });
  const t = await transport(offline, { h, token: signedIn.token! });
  await t.call(accountEndpoints.logout);
  assert.deepEqual(t.sent, ['POST /api/v1/logout']);
  assert.equal(t.loads(), 0);
  await assert.rejects(signedIn.me(), (error) => isPortcullisError(error, 'unauthenticated'), 'the session ended');
});

test('a write whose check cannot load is not sent: `network`, and the next call loads it again', async () => {
  let fail = true;
  const t = await transport(() => (fail ? offline() : realCheck()));
  await assert.rejects(
    t.call(accountEndpoints.login, { json: { username: 'alice', password, tokenType: 'bearer' } }),
    (error) => isPortcullisError(error, 'network'),
  );
  assert.deepEqual(t.sent, [], 'a sign-in the client could not read the answer of is never made');
  fail = false;
  const result = await t.call(accountEndpoints.login, { json: { username: 'alice', password, tokenType: 'bearer' } });
  assert.equal(result.status, 'authenticated');
  assert.deepEqual(t.sent, ['POST /api/v1/login']);
  assert.equal(t.loads(), 2);
});

test('a read loads the check beside the request; a check that cannot load is `network`, never an unchecked answer', async () => {
  const t = await transport(offline);
  await assert.rejects(t.call(accountEndpoints.passwordPolicy), (error) => isPortcullisError(error, 'network'));
  assert.deepEqual(t.sent, ['GET /api/v1/password-policy']);
});
