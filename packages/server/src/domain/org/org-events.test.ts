import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { harness, password } from '../../../test/support/harness.ts';
import { noRequest, securityEvent } from '../events.ts';

test('every security change writes an event: who, what, to whom, when, from where; never a secret', async () => {
  const h = await harness();
  const headers = { 'x-test-address': '203.0.113.9' };
  await h.request(endpoints.login, { body: { username: 'alice', password: 'wrong but long enough' }, headers });
  const root = await h.withMfa('root-user');
  const alice = await h.signIn('alice');
  await h.request(endpoints.setMfaEnabled, { token: alice, body: { enabled: true }, headers });
  await h.signIn('alice'); // enrolls
  const aliceMfa = (
    await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' }, headers })
  ).body.challenge.id;
  const done = await h.request(endpoints.completeMfa, {
    body: { challengeId: aliceMfa, code: h.recoveryCodes.get('alice')![0]! },
    headers,
  });
  assert.equal(done.status, 200, done.text);
  const renewed = await h.request(endpoints.renewRecoveryCodes, { token: done.body.token, headers });
  assert.equal(renewed.status, 200, renewed.text);
  assert.equal((await h.request(endpoints.resetMfa, { token: done.body.token, headers })).status, 200);
  const again = await h.signIn('alice'); // enrolls a new device
  assert.equal(
    (await h.request(endpoints.setMfaEnabled, { token: again, body: { enabled: false }, headers })).status,
    200,
  );
  await h.request(endpoints.changePassword, {
    token: again,
    body: { currentPassword: password, newPassword: 'a brand new passphrase' },
    headers,
  });
  const created = await h.request(endpoints.createUser, {
    token: root,
    body: { username: 'carol', password },
    headers,
  });
  assert.equal(created.status, 201, created.text);
  await h.request(endpoints.resetUserMfa, { params: { id: created.body.id }, token: root, headers });
  await h.request(endpoints.deleteUser, { params: { id: created.body.id }, token: root, headers });
  await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true }, headers });

  const events: Array<{
    type: string;
    actor: { username: string } | null;
    target: { username: string } | null;
    at: string;
    clientAddress: string | null;
  }> = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: typeof events; nextCursor: string | null } } = await h.request(endpoints.orgEvents, {
      query: cursor ? { cursor } : {},
      token: root,
    });
    events.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  const types = new Set(events.map((e) => e.type));
  for (const type of [
    'login_failed',
    'login_succeeded',
    'mfa_enabled',
    'mfa_enrolled',
    'recovery_code_used',
    'recovery_codes_renewed',
    'mfa_disabled',
    'mfa_reset_self',
    'password_changed',
    'org_policy_changed',
    'user_created',
    'mfa_reset_by_root',
    'user_deleted',
  ]) {
    assert.ok(types.has(type), type);
  }
  const byRoot = events.find((e) => e.type === 'mfa_reset_by_root')!;
  assert.equal(byRoot.actor?.username, 'root-user');
  assert.equal(byRoot.target?.username, 'carol');
  assert.equal(byRoot.clientAddress, '203.0.113.9');
  assert.equal(byRoot.at, new Date(h.clock.now()).toISOString());
  const times = events.map((e) => Date.parse(e.at));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
    'newest first',
  );
  const text = JSON.stringify(events);
  for (const secret of [password, h.secrets.get('alice')!, ...h.recoveryCodes.get('alice')!]) {
    assert.equal(text.includes(secret), false);
  }
});

test("a root user reads only its own organization's events", async () => {
  const h = await harness();
  await h.signIn('alice');
  const { root } = await h.otherOrg();
  const events = await h.request(endpoints.orgEvents, { token: await h.signIn(root.username) });
  assert.ok(events.body.items.length > 0);
  assert.equal(
    events.body.items.some((e: { target: { username: string } | null }) => e.target?.username === 'alice'),
    false,
  );
});

test('a right password followed by wrong codes leaves a trace: challenge issued, code failed, reauth failed, account throttled', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  const alice = await h.withMfa('alice');
  const from = { 'x-test-address': '198.51.100.7' };
  for (let round = 0; round < 3; round++) {
    const login = await h.request(endpoints.login, { body: { username: 'alice', password }, headers: from });
    for (let i = 0; i < 3; i++) {
      h.clock.advance(60_000); // past the waits, so that every code is checked
      const reply = await h.request(endpoints.completeMfa, {
        body: { challengeId: login.body.challenge.id, code: '000000' },
        headers: from,
      });
      assert.equal(reply.body.code, 'invalid_code');
    }
  }
  h.clock.advance(11 * 60_000);
  await h.request(endpoints.reauthenticate, { token: alice, body: { password, code: '000000' }, headers: from });
  await h.request(endpoints.reauthenticate, {
    token: alice,
    body: { password: 'not the password at all' },
    headers: from,
  });

  const items: Array<{
    type: string;
    actor: { username: string } | null;
    target: { username: string } | null;
    clientAddress: string | null;
  }> = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: typeof items; nextCursor: string | null } } = await h.request(endpoints.orgEvents, {
      query: cursor ? { cursor } : {},
      token: root,
    });
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  const count = (type: string) => items.filter((e) => e.type === type && e.target?.username === 'alice').length;
  assert.equal(count('mfa_challenge_issued'), 3 + 1, 'three here, one while setting up');
  assert.equal(count('mfa_code_failed'), 9);
  assert.equal(count('reauth_failed'), 2);
  assert.equal(count('account_throttled'), 1, 'once, when the fifth wrong code made the account wait');
  const throttled = items.find((e) => e.type === 'account_throttled')!;
  assert.equal(throttled.actor, null, 'nobody known did it');
  assert.equal(items.find((e) => e.type === 'mfa_code_failed')!.clientAddress, '198.51.100.7');
  assert.equal(JSON.stringify(items).includes('000000'), false, 'no code in the log');
});

test('events page by 50, or by `limit` from 1 to 100; pages do not overlap', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  const bob = h.users.bob!;
  for (let i = 0; i < 200; i++) await h.store.appendEvent(securityEvent('login_failed', h.clock.now(), noRequest, bob));
  const byDefault = await h.request(endpoints.orgEvents, { token: root });
  assert.equal(byDefault.body.items.length, 50);
  const first = await h.request(endpoints.orgEvents, { token: root, query: { limit: '100' } });
  assert.equal(first.body.items.length, 100);
  const second = await h.request(endpoints.orgEvents, {
    token: root,
    query: { limit: '100', cursor: first.body.nextCursor! },
  });
  const ids = [...first.body.items, ...second.body.items].map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length, 'no event twice');
  for (const limit of ['0', '101', 'ten']) {
    const bad = await h.request(endpoints.orgEvents, { token: root, query: { limit } });
    assert.equal(bad.body.code, 'invalid_request', limit);
  }
});
