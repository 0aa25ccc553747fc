import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { tokenHash } from '../../crypto/tokens.ts';
import { createSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { harness, password } from '../../../test/support/harness.ts';

test('the list pages by username, searches, and shows the MFA state and last activity', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  await h.withMfa('alice');
  const page = await h.request(endpoints.orgUsers, { query: { limit: '2' }, token: root });
  assert.equal(page.status, 200);
  assert.deepEqual(
    page.body.items.map((u: { username: string }) => u.username),
    ['alice', 'bob'],
  );
  const alice = page.body.items[0]!;
  assert.deepEqual(alice.mfa, {
    enabled: true,
    enforced: false,
    required: true,
    configured: true,
    passkeys: 0,
    authenticatorApp: true,
  });
  assert.equal(alice.lastActiveAt, new Date(h.clock.now()).toISOString());
  assert.equal(page.body.items[1]!.lastActiveAt, null);
  assert.equal(alice.role, 'subuser');
  const rest = await h.request(endpoints.orgUsers, {
    query: { limit: '2', cursor: page.body.nextCursor! },
    token: root,
  });
  assert.deepEqual(
    rest.body.items.map((u: { username: string; role: string }) => [u.username, u.role]),
    [['root-user', 'root']],
  );
  assert.equal(rest.body.nextCursor, null);
  const search = await h.request(endpoints.orgUsers, { query: { q: 'OB' }, token: root });
  assert.deepEqual(
    search.body.items.map((u: { username: string }) => u.username),
    ['bob'],
  );
  for (const query of ['limit=0', 'limit=101', 'limit=abc', 'cursor=%%%', 'limit=1&limit=2', 'page=2']) {
    const bad = await h.call('GET', `/org/users?${query}`, { token: root });
    assert.equal(bad.status, 400, query);
    assert.equal(bad.body.code, 'invalid_request', query);
  }
});

test('paging stays correct and quick with 10,000 subusers on SQLite', async () => {
  const store = createSqliteStore(':memory:');
  const h = await harness({ store });
  const now = h.clock.now();
  const event = {
    orgId: h.orgId,
    type: 'user_created' as const,
    at: now,
    actorId: null,
    actorUsername: null,
    targetId: null,
    targetUsername: null,
    clientAddress: null,
    reason: null,
  };
  const hash = (await h.store.getUser(h.users.bob!.id))!.passwordHash;
  for (let i = 0; i < 10_000; i++) {
    await store.createUser(
      {
        id: `usr_bulk${i}`,
        orgId: h.orgId,
        username: `user-${String(i).padStart(5, '0')}`,
        role: 'subuser',
        passwordHash: hash,
        passwordSingleFactorOk: true,
        mfaEnabled: false,
        totpSecretSealed: null,
        totpLastStep: null,
        passkeyCount: 0,
        createdAt: now,
        lastActiveAt: null,
      },
      event,
    );
  }
  const root = await h.signIn('root-user');
  const seen = new Set<string>();
  let cursor: string | null = '';
  let pages = 0;
  while (cursor !== null) {
    const reply: { body: { items: { username: string }[]; nextCursor: string | null } } = await h.request(
      endpoints.orgUsers,
      { query: { limit: '100', ...(cursor ? { cursor } : {}) }, token: root },
    );
    for (const user of reply.body.items) seen.add(user.username);
    cursor = reply.body.nextCursor;
    pages++;
  }
  assert.equal(seen.size, 10_003);
  assert.equal(pages, 101);
  const found = await h.request(endpoints.orgUsers, { query: { q: 'user-0424' }, token: root });
  assert.equal(found.body.items.length, 10);
  await store.close();
});

test('a root user creates subusers under the policy; taken names are a conflict', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  const created = await h.request(endpoints.createUser, { token: root, body: { username: 'Carol', password } });
  assert.equal(created.status, 201);
  assert.equal(created.body.username, 'carol');
  assert.equal(created.body.role, 'subuser');
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'carol', password } })).body.status,
    'authenticated',
  );
  const taken = await h.request(endpoints.createUser, { token: root, body: { username: 'alice', password } });
  assert.equal(taken.status, 409);
  const weak = await h.request(endpoints.createUser, { token: root, body: { username: 'dave', password: 'short' } });
  assert.equal(weak.body.code, 'password_policy');
  const badName = await h.request(endpoints.createUser, { token: root, body: { username: '<script>', password } });
  assert.equal(badName.body.code, 'invalid_request');
  assert.equal(await h.store.findUserByUsername('dave'), null);
});

test('creating a subuser is a sensitive change: a stolen root cookie alone cannot plant an account', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  h.clock.advance(11 * 60_000);
  const stale = await h.request(endpoints.createUser, { token: root, body: { username: 'mallory', password } });
  assert.equal(stale.body.code, 'reauth_required');
  assert.deepEqual(
    stale.body.errors.map((e: { path: string }) => e.path),
    ['password', 'code'],
  );
  await h.request(endpoints.reauthenticate, { token: root, body: { password } });
  assert.equal(
    (await h.request(endpoints.createUser, { token: root, body: { username: 'mallory', password } })).body.code,
    'reauth_required',
  );
  assert.equal(await h.store.findUserByUsername('mallory'), null);
  await h.request(endpoints.reauthenticate, { token: root, body: { password, code: await h.nextCode('root-user') } });
  assert.equal(
    (await h.request(endpoints.createUser, { token: root, body: { username: 'mallory', password } })).status,
    201,
  );
});

test('a root reset of a subuser unlinks its authenticator, clears the replay state and ends its sessions', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  const alice = await h.withMfa('alice');
  const reply = await h.request(endpoints.resetUserMfa, { params: { id: h.users.alice!.id }, token: root });
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body.mfa, {
    enabled: true,
    enforced: false,
    required: true,
    configured: false,
    passkeys: 0,
    authenticatorApp: false,
  });
  assert.equal(JSON.stringify(reply.body).includes('secret'), false, 'never shows a secret');
  const stored = (await h.store.getUser(h.users.alice!.id))!;
  assert.equal(stored.totpSecretSealed, null);
  assert.equal(stored.totpLastStep, null);
  assert.equal(await h.store.countRecoveryCodes(stored.id), 0);
  assert.equal(await h.store.getSession(tokenHash(alice)), null);
  assert.equal((await h.request(endpoints.me, { token: alice })).status, 401);
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'alice', password } })).body.status,
    'mfa_setup_required',
  );
});

test('a root user of another organization gets 404 for our subusers (no enumeration)', async () => {
  const h = await harness();
  const { root } = await h.otherOrg();
  const token = await h.signIn(root.username);
  for (const [method, path] of [
    ['POST', `/org/users/${h.users.alice!.id}/mfa/reset`],
    ['DELETE', `/org/users/${h.users.alice!.id}`],
    ['DELETE', '/org/users/usr_doesnotexist'],
  ]) {
    const reply = await h.call(method!, path!, { token });
    assert.equal(reply.status, 404, `${method} ${path}`);
    assert.equal(reply.body.code, 'not_found');
  }
  const list = await h.request(endpoints.orgUsers, { token });
  assert.deepEqual(
    list.body.items.map((u: { username: string }) => u.username),
    ['globex-root', 'globex-sub'],
  );
  assert.ok(await h.store.getUser(h.users.alice!.id));
});

test('resetting or deleting a subuser needs a recent second factor; the root user is not a target', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  assert.equal(
    (await h.request(endpoints.resetUserMfa, { params: { id: h.users['root-user']!.id }, token: root })).status,
    409,
  );
  assert.equal(
    (await h.request(endpoints.deleteUser, { params: { id: h.users['root-user']!.id }, token: root })).status,
    409,
  );
  h.clock.advance(11 * 60_000);
  for (const [method, path] of [
    ['POST', `/org/users/${h.users.bob!.id}/mfa/reset`],
    ['DELETE', `/org/users/${h.users.bob!.id}`],
  ]) {
    assert.equal((await h.call(method!, path!, { token: root })).body.code, 'reauth_required');
  }
  assert.ok(await h.store.getUser(h.users.bob!.id));
});
