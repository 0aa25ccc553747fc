import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { day, minute } from '../../deps.ts';
import { harness, password, type Harness } from '../../../test/support/harness.ts';

async function signInFrom(h: Harness, username: string, userAgent: string, address: string): Promise<string> {
  const login = await h.request(endpoints.login, {
    body: { username, password, tokenType: 'bearer' },
    headers: { 'user-agent': userAgent, 'x-test-address': address },
  });
  assert.equal(login.status, 200, login.text);
  return login.body.token;
}

const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const safari =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

test('GET /me/sessions lists where the person is signed in: this one marked, the browser and address, public ids only', async () => {
  const h = await harness();
  const laptop = await signInFrom(h, 'alice', firefox, '198.51.100.4');
  h.clock.advance(5 * minute);
  const phone = await signInFrom(h, 'alice', safari, '203.0.113.8');
  await signInFrom(h, 'bob', firefox, '192.0.2.1');
  const list = await h.request(endpoints.sessions, { token: laptop });
  assert.equal(list.status, 200);
  assert.deepEqual(
    list.body.items.map((s) => [s.current, s.userAgent, s.clientAddress]),
    [
      [false, safari, '203.0.113.8'],
      [true, firefox, '198.51.100.4'],
    ],
    "most recently active first, and only alice's",
  );
  for (const item of list.body.items) {
    assert.match(item.id, /^ses_[A-Za-z0-9_-]{16}$/);
    assert.ok(Date.parse(item.expiresAt) > Date.parse(item.lastSeenAt));
  }
  assert.equal(list.text.includes(laptop) || list.text.includes(phone), false, 'no token in the list');
  const me = await h.request(endpoints.me, { token: laptop });
  assert.deepEqual(
    [me.body.session.idleTimeoutSeconds, me.body.session.maxLifetimeSeconds],
    [30 * 86_400, 90 * 86_400],
  );
});

test('ending one session: the lost phone is signed out at its next request; a session of another user is not_found', async () => {
  const h = await harness();
  const laptop = await signInFrom(h, 'alice', firefox, '198.51.100.4');
  const phone = await signInFrom(h, 'alice', safari, '203.0.113.8');
  const bob = await signInFrom(h, 'bob', firefox, '192.0.2.1');
  const bobsId = (await h.request(endpoints.sessions, { token: bob })).body.items[0]!.id;
  assert.equal(
    (await h.request(endpoints.revokeSession, { params: { id: bobsId }, token: laptop })).body.code,
    'not_found',
  );
  assert.equal((await h.request(endpoints.me, { token: bob })).status, 200, "bob's session is untouched");
  const phoneId = (await h.request(endpoints.sessions, { token: laptop })).body.items.find((s) => !s.current)!.id;
  assert.equal((await h.request(endpoints.revokeSession, { params: { id: phoneId }, token: laptop })).status, 204);
  assert.equal((await h.request(endpoints.me, { token: phone })).status, 401);
  assert.equal(
    (await h.request(endpoints.revokeSession, { params: { id: phoneId }, token: laptop })).body.code,
    'not_found',
    'gone is gone',
  );
  assert.equal((await h.request(endpoints.sessions, { token: laptop })).body.items.length, 1);
});

test('"Sign out everywhere else" ends every other session and keeps this one; ending this one signs out', async () => {
  const h = await harness();
  const here = await signInFrom(h, 'alice', firefox, '198.51.100.4');
  const others = [
    await signInFrom(h, 'alice', safari, '203.0.113.8'),
    await signInFrom(h, 'alice', safari, '203.0.113.9'),
  ];
  const revoked = await h.request(endpoints.revokeOtherSessions, { token: here });
  assert.deepEqual(revoked.body, { revoked: 2 });
  for (const token of others) assert.equal((await h.request(endpoints.me, { token })).status, 401);
  const list = (await h.request(endpoints.sessions, { token: here })).body.items;
  assert.equal(list.length, 1);
  assert.equal((await h.request(endpoints.revokeSession, { params: { id: list[0]!.id }, token: here })).status, 204);
  assert.equal((await h.request(endpoints.me, { token: here })).status, 401);

  const cookieLogin = await h.request(endpoints.login, {
    body: { username: 'bob', password },
    headers: { origin: 'http://localhost' },
  });
  const cookie = /^([^;]+)/.exec(cookieLogin.headers.get('set-cookie')!)![1]!;
  const own = (await h.request(endpoints.sessions, { cookie })).body.items[0]!.id;
  const ended = await h.request(endpoints.revokeSession, {
    params: { id: own },
    cookie,
    headers: { origin: 'http://localhost' },
  });
  assert.match(ended.headers.get('set-cookie')!, /portcullis-session=;.*Max-Age=0/i, 'the cookie is cleared too');
});

test('sessions past their idle or absolute end are not listed', async () => {
  const h = await harness({ settings: { sessionIdleTimeoutMs: 2 * day } });
  const old = await signInFrom(h, 'alice', firefox, '198.51.100.4');
  void old;
  h.clock.advance(3 * day);
  const fresh = await signInFrom(h, 'alice', safari, '203.0.113.8');
  const list = (await h.request(endpoints.sessions, { token: fresh })).body.items;
  assert.deepEqual(
    list.map((s) => s.userAgent),
    [safari],
  );
});

test('the root\'s "Sign out everywhere" for a subuser: a sensitive change, own organization only, audited', async () => {
  const h = await harness();
  const alice = [
    await signInFrom(h, 'alice', firefox, '198.51.100.4'),
    await signInFrom(h, 'alice', safari, '203.0.113.8'),
  ];
  const root = await h.withMfa('root-user');
  const reply = await h.request(endpoints.revokeUserSessions, {
    params: { id: h.users.alice!.id },
    token: root,
    headers: { 'x-test-address': '192.0.2.50' },
  });
  assert.deepEqual(reply.body, { revoked: 2 });
  for (const token of alice) assert.equal((await h.request(endpoints.me, { token })).status, 401);
  assert.equal(
    (await h.request(endpoints.revokeUserSessions, { params: { id: h.users['root-user']!.id }, token: root })).body
      .code,
    'conflict',
    'not for the root itself',
  );
  const { sub } = await h.otherOrg();
  assert.equal(
    (await h.request(endpoints.revokeUserSessions, { params: { id: sub.id }, token: root })).body.code,
    'not_found',
  );
  h.clock.advance(11 * minute);
  assert.equal(
    (await h.request(endpoints.revokeUserSessions, { params: { id: h.users.bob!.id }, token: root })).body.code,
    'reauth_required',
  );
  assert.equal(
    (await h.request(endpoints.revokeUserSessions, { params: { id: h.users.bob!.id }, token: await h.signIn('alice') }))
      .body.code,
    'forbidden',
  );
  const events = (await h.request(endpoints.orgEvents, { token: root })).body.items;
  const revokedByRoot = events.find((e: { type: string }) => e.type === 'sessions_revoked_by_root');
  assert.deepEqual(
    [revokedByRoot?.actor?.username, revokedByRoot?.target?.username, revokedByRoot?.clientAddress],
    ['root-user', 'alice', '192.0.2.50'],
  );
});

test('ending sessions is audited: one, the others', async () => {
  const h = await harness();
  const here = await signInFrom(h, 'alice', firefox, '198.51.100.4');
  await signInFrom(h, 'alice', safari, '203.0.113.8');
  const other = (await h.request(endpoints.sessions, { token: here })).body.items.find((s) => !s.current)!.id;
  await h.request(endpoints.revokeSession, { params: { id: other }, token: here });
  await h.request(endpoints.revokeOtherSessions, { token: here });
  const types = (await h.request(endpoints.orgEvents, { token: await h.signIn('root-user') })).body.items.map(
    (e: { type: string }) => e.type,
  );
  assert.ok(types.includes('session_revoked'));
  assert.ok(types.includes('other_sessions_revoked'));
});
