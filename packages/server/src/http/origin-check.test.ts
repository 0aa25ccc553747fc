import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { harness, password } from '../../test/support/harness.ts';

async function cookieFor(h: Awaited<ReturnType<typeof harness>>, username: string) {
  const login = await h.request(endpoints.login, {
    body: { username, password },
    headers: { origin: 'http://localhost' },
  });
  return /^([^;]+)/.exec(login.headers.get('set-cookie')!)![1]!;
}

test('a cookie request from another origin cannot change state, login included (CSRF)', async () => {
  const h = await harness();
  const cookie = await cookieFor(h, 'root-user');
  const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
  const attempts = [
    ['PUT', '/org/policy', { enforceMfa: true }],
    ['PUT', '/me/mfa', { enabled: true }],
    ['POST', '/me/password', { currentPassword: password, newPassword: 'an attacker passphrase' }],
    ['POST', '/logout', undefined],
    ['POST', '/login', { username: 'alice', password }],
  ] as const;
  for (const [method, path, body] of attempts) {
    const reply = await h.call(method, path, { cookie, body, headers: evil });
    assert.equal(reply.status, 403, `${method} ${path}`);
    assert.equal(reply.body.code, 'forbidden');
  }
  const sameSiteNoOrigin = await h.request(endpoints.setMfaEnabled, {
    cookie,
    body: { enabled: true },
    headers: { 'sec-fetch-site': 'same-site' },
  });
  assert.equal(sameSiteNoOrigin.status, 403);
  const me = await h.request(endpoints.me, { cookie, headers: evil });
  assert.equal(me.status, 200, 'reads are not state changes');
  assert.equal(me.body.mfa.enabled, false);
  assert.equal((await h.request(endpoints.orgPolicy, { cookie })).body.enforceMfa, false);
});

test('same-origin browser requests and non-browser clients pass', async () => {
  const h = await harness();
  const cookie = await cookieFor(h, 'alice');
  const same = await h.request(endpoints.setMfaEnabled, {
    cookie,
    body: { enabled: true },
    headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
  });
  assert.equal(same.status, 200);
  const fetchMetadataOnly = await h.request(endpoints.setMfaEnabled, {
    cookie,
    body: { enabled: true },
    headers: { 'sec-fetch-site': 'same-origin' },
  });
  assert.equal(fetchMetadataOnly.status, 200);
  const bearer = await h.request(endpoints.setMfaEnabled, {
    token: await h.signIn('bob'),
    body: { enabled: true },
    headers: { origin: 'https://elsewhere.example' },
  });
  assert.equal(bearer.status, 200, 'a bearer token is not an ambient credential');
});

test('an allowed origin may call with credentials, and gets CORS headers', async () => {
  const h = await harness({ settings: { allowedOrigins: ['https://portal.example.com'] } });
  const headers = { origin: 'https://portal.example.com', 'sec-fetch-site': 'cross-site' };
  const login = await h.request(endpoints.login, { body: { username: 'alice', password }, headers });
  assert.equal(login.status, 200);
  assert.equal(login.headers.get('access-control-allow-origin'), 'https://portal.example.com');
  assert.equal(login.headers.get('access-control-allow-credentials'), 'true');
  const other = await h.request(endpoints.login, {
    body: { username: 'alice', password },
    headers: { origin: 'https://other.example.com' },
  });
  assert.equal(other.status, 403);
  assert.equal(other.headers.get('access-control-allow-origin'), null);
});

test('state-changing bodies must be JSON, so plain HTML forms cannot post them', async () => {
  const h = await harness();
  const reply = await h.request(endpoints.login, {
    rawBody: 'username=alice&password=x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(reply.status, 400);
  assert.equal(reply.body.code, 'invalid_request');
});

test('nothing changes state on GET', async () => {
  const h = await harness();
  const token = await h.signIn('root-user');
  for (const path of ['/logout', '/me/mfa/reset', '/me/mfa/recovery-codes', '/login']) {
    const reply = await h.call('GET', path, { token });
    assert.equal(reply.status, 404, path);
  }
  assert.equal((await h.request(endpoints.me, { token })).status, 200);
});
