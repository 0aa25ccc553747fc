import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { harness, password, type Reply } from '../../test/support/harness.ts';
import { securityHeaders } from './api-response.ts';

/** Every security header, as computed once at start, on an answer. */
function assertSecured(reply: Reply, what: string, except: readonly string[] = []) {
  for (const [name, value] of Object.entries(securityHeaders))
    if (!except.includes(name)) assert.equal(reply.headers.get(name), value, `${what}: ${name}`);
}

test('every answer of the API carries the security headers and Cache-Control: no-store, whatever made it', async () => {
  const h = await harness({ settings: { allowedOrigins: ['https://portal.example'] } });
  const token = await h.signIn('alice');
  const me = await h.request(endpoints.me, { token });
  assert.equal(me.status, 200);
  assert.equal(me.headers.get('content-type'), 'application/json');
  assertSecured(me, 'GET /me');

  const problem = await h.request(endpoints.me);
  assert.equal(problem.status, 401);
  assert.equal(problem.headers.get('content-type'), 'application/problem+json');
  assertSecured(problem, 'a problem');

  const unknown = await h.call('GET', '/no-such-thing');
  assert.equal(unknown.status, 404);
  assertSecured(unknown, 'an unknown path');

  const loggedOut = await h.request(endpoints.logout, { token });
  assert.equal(loggedOut.status, 204);
  assert.equal(loggedOut.headers.get('content-type'), null, 'no body, no type');
  assertSecured(loggedOut, 'a 204');

  // A CORS preflight is answered by the CORS middleware, not by an endpoint.
  const preflight = await h.call('OPTIONS', '/me', {
    headers: { origin: 'https://portal.example', 'access-control-request-method': 'GET' },
  });
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://portal.example');
  assertSecured(preflight, 'a preflight');
});

test("a handler's own headers join the defaults: the session cookie, and the key set's public cache policy", async () => {
  const h = await harness();
  const login = await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'cookie' } });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie') ?? '';
  assert.match(cookie, /^portcullis-session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
  assertSecured(login, 'a cookie login');

  const logout = await h.request(endpoints.logout, { cookie: cookie.split(';')[0] });
  assert.equal(logout.status, 204);
  assert.equal(logout.headers.get('set-cookie'), 'portcullis-session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict');

  const jwks = await h.request(endpoints.jwks);
  assert.equal(jwks.status, 200);
  assert.match(jwks.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
  assert.equal(jwks.headers.get('access-control-allow-origin'), '*');
  assertSecured(jwks, 'the JWKS', ['cache-control']);
});
