import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { tokenHash } from '../../crypto/tokens.ts';
import { day } from '../../deps.ts';
import { harness, password } from '../../../test/support/harness.ts';

test('30 days without activity ends the session on the server (+1 s → 401)', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  h.clock.advance(30 * day - 1000);
  assert.equal((await h.request(endpoints.me, { token })).status, 200, 'activity slides the window');
  h.clock.advance(30 * day - 1000);
  assert.equal((await h.request(endpoints.me, { token })).status, 200);
  h.clock.advance(30 * day + 1000);
  const reply = await h.request(endpoints.me, { token });
  assert.equal(reply.status, 401);
  assert.equal(reply.body.code, 'unauthenticated');
  assert.equal(await h.store.getSession(tokenHash(token)), null, 'deleted, not just refused');
});

test('an absolute lifetime of 90 days ends even an active session', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  for (let elapsed = 0; elapsed < 89; elapsed += 1) {
    h.clock.advance(day);
    assert.equal((await h.request(endpoints.me, { token })).status, 200);
  }
  const me = await h.request(endpoints.me, { token });
  assert.equal(Date.parse(me.body.session.expiresAt), h.clock.now() + day);
  h.clock.advance(day);
  assert.equal((await h.request(endpoints.me, { token })).status, 401);
});

test('the idle timeout and lifetime are settings', async () => {
  const h = await harness({ settings: { sessionIdleTimeoutMs: 5000, sessionMaxLifetimeMs: 60_000 } });
  const token = await h.signIn('alice');
  h.clock.advance(5001);
  assert.equal((await h.request(endpoints.me, { token })).status, 401);
});

test('tokens are stored only as hashes', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  assert.ok(await h.store.getSession(tokenHash(token)));
  assert.equal(await h.store.getSession(token), null);
});

test('logout ends the session on the server', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  assert.equal((await h.request(endpoints.logout, { token })).status, 204);
  assert.equal((await h.request(endpoints.me, { token })).status, 401);
  assert.equal((await h.request(endpoints.logout, { token })).status, 401);
});

test('the cookie is HttpOnly, SameSite=Strict, Path=/, and __Host- prefixed and Secure on an https public origin', async () => {
  const h = await harness();
  const local = await h.request(endpoints.login, { body: { username: 'alice', password } });
  const cookie = local.headers.get('set-cookie')!;
  assert.match(cookie, /^portcullis-session=[A-Za-z0-9_-]{43};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\//);
  assert.equal(local.body.token, undefined, 'cookie mode never puts the token in the body');

  const hosted = await harness({ settings: { publicOrigin: 'https://accounts.example.com' } });
  const response = await hosted.app.fetch(
    new Request('https://accounts.example.com/api/v1/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://accounts.example.com' },
      body: JSON.stringify({ username: 'bob', password }),
    }),
  );
  const secure = response.headers.get('set-cookie')!;
  assert.match(secure, /^__Host-portcullis-session=/);
  assert.match(secure, /Secure/);
  assert.doesNotMatch(secure, /Domain=/);
  const token = /=([^;]+)/.exec(secure)![1];
  const me = await hosted.app.fetch(
    new Request('https://accounts.example.com/api/v1/me', {
      headers: { cookie: `__Host-portcullis-session=${token}` },
    }),
  );
  assert.equal(me.status, 200);
});

test('deleting a user ends its sessions', async () => {
  const h = await harness();
  const alice = await h.signIn('alice');
  const root = await h.signIn('root-user');
  assert.equal((await h.request(endpoints.deleteUser, { params: { id: h.users.alice!.id }, token: root })).status, 204);
  assert.equal((await h.request(endpoints.me, { token: alice })).status, 401);
});
