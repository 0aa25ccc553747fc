import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { harness, password } from '../../test/support/harness.ts';

const json = { 'content-type': 'application/json' };
const loginBody = (username = 'alice') => JSON.stringify({ username, password });

test('without a public origin only loopback hosts are served: a DNS-rebinding page is refused', async () => {
  const h = await harness();
  // The attacker's name resolves to 127.0.0.1: Host and Origin are both the attacker's.
  const rebound = await h.app.fetch(
    new Request('http://attacker.example:8787/api/v1/login', {
      method: 'POST',
      headers: { ...json, origin: 'http://attacker.example:8787' },
      body: loginBody(),
    }),
  );
  assert.equal(rebound.status, 403);
  assert.equal((await rebound.json()).code, 'forbidden');
  assert.equal(rebound.headers.get('set-cookie'), null);
  for (const host of ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787']) {
    const ok = await h.app.fetch(
      new Request(`${host}/api/v1/login`, { method: 'POST', headers: { ...json, origin: host }, body: loginBody() }),
    );
    assert.equal(ok.status, 200, host);
  }
});

test('with a public origin, other hosts are refused and the cookie follows the configured scheme', async () => {
  const h = await harness({ settings: { publicOrigin: 'https://accounts.example.com' } });
  const other = await h.app.fetch(
    new Request('https://attacker.example/api/v1/login', {
      method: 'POST',
      headers: { ...json, origin: 'https://attacker.example' },
      body: loginBody(),
    }),
  );
  assert.equal(other.status, 403);
  const loopback = await h.app.fetch(new Request('http://127.0.0.1:8787/api/v1/me'));
  assert.equal(loopback.status, 403, 'the loopback name is not the public origin either');
  // Behind a TLS proxy that does not pass X-Forwarded-*, the request reaches us as plain http:
  // the cookie is still __Host- and Secure, because the configuration says https.
  const login = await h.app.fetch(
    new Request('http://accounts.example.com/api/v1/login', {
      method: 'POST',
      headers: { ...json, origin: 'https://accounts.example.com' },
      body: loginBody(),
    }),
  );
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie')!;
  assert.match(cookie, /^__Host-portcullis-session=/);
  assert.match(cookie, /; Secure/);
  const wrongOrigin = await h.app.fetch(
    new Request('https://accounts.example.com/api/v1/logout', {
      method: 'POST',
      headers: { origin: 'http://accounts.example.com', cookie: cookie.split(';')[0]! },
    }),
  );
  assert.equal(wrongOrigin.status, 403, "the server's own origin is the configured one, scheme included");
});

test('in __Host- mode an unprefixed cookie is not read (cookie tossing from a sibling host)', async () => {
  const h = await harness({ settings: { publicOrigin: 'https://accounts.example.com' } });
  const token = await (async () => {
    const login = await h.app.fetch(
      new Request('https://accounts.example.com/api/v1/login', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ username: 'alice', password, tokenType: 'bearer' }),
      }),
    );
    return (await login.json()).token as string;
  })();
  const me = (cookie: string) =>
    h.app.fetch(new Request('https://accounts.example.com/api/v1/me', { headers: { cookie } }));
  assert.equal((await me(`portcullis-session=${token}`)).status, 401);
  assert.equal((await me(`__Host-portcullis-session=${token}`)).status, 200);
  const local = await harness();
  const localToken = await local.signIn('alice');
  assert.equal(
    (await local.request(endpoints.me, { cookie: `__Host-portcullis-session=${localToken}` })).status,
    401,
    'and on plain-http localhost only the plain name',
  );
});

test('under --trust-proxy the host and scheme are the ones the proxy set, the last value of each', async () => {
  const h = await harness({ settings: { publicOrigin: 'https://accounts.example.com', trustProxy: true } });
  const via = (forwardedHost: string, proto = 'https') =>
    h.app.fetch(
      new Request('http://127.0.0.1:8787/api/v1/login', {
        method: 'POST',
        headers: {
          ...json,
          origin: 'https://accounts.example.com',
          'x-forwarded-host': forwardedHost,
          'x-forwarded-proto': proto,
        },
        body: loginBody(),
      }),
    );
  assert.equal((await via('accounts.example.com')).status, 200);
  assert.equal(
    (await via('attacker.example, accounts.example.com')).status,
    200,
    'what the client claimed comes first',
  );
  assert.equal((await via('accounts.example.com, attacker.example')).status, 403);
  const untrusted = await harness({ settings: { publicOrigin: 'https://accounts.example.com' } });
  const ignored = await untrusted.app.fetch(
    new Request('http://127.0.0.1:8787/api/v1/login', {
      method: 'POST',
      headers: { ...json, 'x-forwarded-host': 'accounts.example.com' },
      body: loginBody(),
    }),
  );
  assert.equal(ignored.status, 403, 'without --trust-proxy the headers mean nothing');

  // No public origin, a proxy on this machine forwarding Host 127.0.0.1 and the scheme: the cookie stays Secure.
  const local = await harness({ settings: { trustProxy: true } });
  const proxied = await local.app.fetch(
    new Request('http://127.0.0.1:8787/api/v1/login', {
      method: 'POST',
      headers: { ...json, origin: 'https://127.0.0.1:8787', 'x-forwarded-proto': 'https' },
      body: loginBody(),
    }),
  );
  assert.equal(proxied.status, 200);
  assert.match(proxied.headers.get('set-cookie')!, /^__Host-portcullis-session=.*; Secure/);
});

test('the host check keeps its answers per host, and neither mixes them up nor grows without bound', async () => {
  const h = await harness({ settings: { publicOrigin: 'https://accounts.example.com', trustProxy: true } });
  const status = async (url: string, headers: Record<string, string> = {}) =>
    (await h.app.fetch(new Request(url, { headers }))).status;
  const own = 'https://accounts.example.com/api/v1/health';
  for (let round = 0; round < 3; round++) {
    assert.equal(await status(own), 200, `own host, round ${round}`);
    assert.equal(await status('https://attacker.example/api/v1/health'), 403, `other host, round ${round}`);
    // Behind the trusted proxy the forwarded host decides, not the one the proxy connected to.
    assert.equal(await status(own, { 'x-forwarded-host': 'attacker.example' }), 403, `forwarded, round ${round}`);
    assert.equal(await status('http://10.0.0.5/api/v1/health', { 'x-forwarded-host': 'accounts.example.com' }), 200);
  }
  // Many made-up hosts: each refused, and the own host is still served after them.
  for (let i = 0; i < 600; i++) assert.equal(await status(`https://h${i}.attacker.example/api/v1/health`), 403);
  assert.equal(await status(own), 200);
});
