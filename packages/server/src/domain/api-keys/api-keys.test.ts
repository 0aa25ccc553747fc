import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpoints, pathWith, routes, type RouteSpec } from '@portcullis/sdk/contract';
import { apiKeyFor } from '../../../test/support/api-keys.ts';
import { harness, password } from '../../../test/support/harness.ts';

const minute = 60_000;

test('a root creates a key once: pcl_ and 256 bits, shown in that answer only, listed without it, audited', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  const created = await h.request(endpoints.createApiKey, { token: root, body: { name: '  HR sync  ' } });
  assert.equal(created.status, 201, created.text);
  assert.match(created.body.key, /^pcl_[A-Za-z0-9_-]{43}$/, '32 random bytes in base64url after the prefix');
  assert.equal(created.body.name, 'HR sync');
  assert.equal(created.body.expiresAt, null);
  assert.equal(created.headers.get('cache-control'), 'no-store');
  h.clock.advance(1000);
  const other = await h.request(endpoints.createApiKey, { token: root, body: { name: 'Deploy' } });
  assert.notEqual(other.body.key, created.body.key);

  const list = await h.request(endpoints.apiKeys, { token: root });
  assert.deepEqual(
    list.body.items.map((k) => [k.id, k.name, k.lastUsedAt]),
    [
      [created.body.id, 'HR sync', null],
      [other.body.id, 'Deploy', null],
    ],
  );
  assert.ok(!list.text.includes(created.body.key), 'the list never holds a key');
  const stored = await h.store.listApiKeys(h.orgId);
  assert.ok(!JSON.stringify(stored).includes(created.body.key), 'only a hash is stored');
  assert.ok(!h.logs.join('\n').includes(created.body.key), 'nor logged');

  const events = (await h.request(endpoints.orgEvents, { token: root })).body.items;
  const made = events.find((e) => e.type === 'api_key_created');
  assert.deepEqual(made?.actor?.username, 'root-user');
  assert.deepEqual(made?.target, { id: other.body.id, username: `api_key:${other.body.id} (Deploy)` });
});

test('creating a key is the root’s, in a session, recently re-authenticated; bad names and past expiries are refused by field', async () => {
  const h = await harness();
  const alice = await h.signIn('alice');
  assert.equal((await h.request(endpoints.createApiKey, { token: alice, body: { name: 'x' } })).body.code, 'forbidden');
  assert.equal((await h.request(endpoints.apiKeys, { token: alice })).body.code, 'forbidden');
  const root = await h.signIn('root-user');
  for (const [body, path] of [
    [{ name: '' }, 'name'],
    [{ name: 'a'.repeat(65) }, 'name'],
    [{ name: 'two\nlines' }, 'name'],
    [{ name: 'ok', expiresAt: 'tomorrow' }, 'expiresAt'],
    [{ name: 'ok', expiresAt: new Date(h.clock.now() - 1000).toISOString() }, 'expiresAt'],
    [{ name: 'ok', extra: true }, '(body)'],
  ] as const) {
    const reply = await h.request(endpoints.createApiKey, { token: root, body });
    assert.equal(reply.body.code, 'invalid_request', JSON.stringify(body));
    assert.equal(reply.body.errors[0]?.path, path, JSON.stringify(body));
  }
  h.clock.advance(11 * minute);
  assert.equal(
    (await h.request(endpoints.createApiKey, { token: root, body: { name: 'late' } })).body.code,
    'reauth_required',
  );
  assert.deepEqual(await h.store.listApiKeys(h.orgId), [], 'nothing was made');
  const { key } = await apiKeyFor(h);
  const byKey = await h.request(endpoints.createApiKey, { token: key, body: { name: 'more' } });
  assert.equal(byKey.status, 401, 'a key makes no keys');
});

test('a key works on every organization endpoint, without CSRF rules or re-authentication, and events name it', async () => {
  const h = await harness();
  const { id, key } = await apiKeyFor(h, 'Provisioning');
  const cross = { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' };
  const asKey = { token: key, headers: cross };
  assert.equal((await h.request(endpoints.orgPolicy, asKey)).body.enforceMfa, false);
  assert.equal((await h.request(endpoints.orgUsers, asKey)).body.items.length, 3);
  const carol = await h.request(endpoints.createUser, { ...asKey, body: { username: 'carol', password } });
  assert.equal(carol.status, 201, carol.text);
  await h.signIn('carol');
  const carolId = { id: carol.body.id };
  assert.equal((await h.request(endpoints.revokeUserSessions, { ...asKey, params: carolId })).body.revoked, 1);
  assert.equal((await h.request(endpoints.resetUserMfa, { ...asKey, params: carolId })).status, 200);
  assert.equal((await h.request(endpoints.deleteUser, { ...asKey, params: carolId })).status, 204);
  const policy = await h.request(endpoints.setOrgPolicy, { ...asKey, body: { enforceMfa: true } });
  assert.equal(policy.body.enforceMfa, true);
  assert.equal(
    (await h.request(endpoints.apiKeys, asKey)).body.items[0]?.lastUsedAt,
    new Date(h.clock.now()).toISOString(),
  );

  const events = (await h.request(endpoints.orgEvents, asKey)).body.items;
  const byKey = events.filter((e) => e.actor?.id === id);
  assert.deepEqual(
    byKey.map((e) => e.type),
    ['org_policy_changed', 'user_deleted', 'mfa_reset_by_root', 'sessions_revoked_by_root', 'user_created'],
  );
  assert.ok(byKey.every((e) => e.actor?.username === `api_key:${id} (Provisioning)`));

  const other = await apiKeyFor(h, 'Old');
  assert.equal((await h.request(endpoints.revokeApiKey, { ...asKey, params: { id: other.id } })).status, 204);
  const revoked = (await h.request(endpoints.orgEvents, asKey)).body.items[0];
  assert.deepEqual(
    [revoked?.type, revoked?.actor?.username, revoked?.target?.username],
    ['api_key_revoked', `api_key:${id} (Provisioning)`, `api_key:${other.id} (Old)`],
  );
});

test('a key on anything but the organization endpoints answers 401: /me, the login routes, the rest', async () => {
  const h = await harness();
  const { key } = await apiKeyFor(h);
  const elsewhere = (routes as readonly (RouteSpec & { name: string })[]).filter((r) => r.access !== 'org');
  assert.ok(elsewhere.length > 25);
  for (const route of elsewhere) {
    const path = pathWith(route, { id: 'pk_x' } as never);
    const reply = await h.call(route.method.toUpperCase(), path, {
      token: key,
      body: route.method === 'get' ? undefined : {},
    });
    assert.equal(reply.status, 401, `${route.name}: ${reply.text}`);
    assert.equal(reply.body.code, 'unauthenticated', route.name);
  }
  // And a key's lookalike is not a session either.
  const fake = `pcl_${'A'.repeat(43)}`;
  assert.equal((await h.request(endpoints.orgUsers, { token: fake })).status, 401);
  assert.equal((await h.request(endpoints.orgUsers, { token: 'pcl_short' })).status, 401);
});

test('a revoked key and an expired key answer 401 at once; a key of another organization reaches nothing there', async () => {
  const h = await harness();
  const kept = await apiKeyFor(h, 'Kept');
  const doomed = await apiKeyFor(h, 'Doomed');
  const brief = await apiKeyFor(h, 'Brief', new Date(h.clock.now() + 5 * minute).toISOString());
  assert.equal((await h.request(endpoints.orgUsers, { token: doomed.key })).status, 200);
  const root = await h.signIn('root-user');
  assert.equal((await h.request(endpoints.revokeApiKey, { token: root, params: { id: doomed.id } })).status, 204);
  const after = await h.request(endpoints.orgUsers, { token: doomed.key });
  assert.deepEqual([after.status, after.body.code], [401, 'unauthenticated']);
  assert.equal((await h.request(endpoints.revokeApiKey, { token: root, params: { id: doomed.id } })).status, 404);

  assert.equal((await h.request(endpoints.orgUsers, { token: brief.key })).status, 200);
  h.clock.advance(5 * minute);
  assert.equal((await h.request(endpoints.orgUsers, { token: brief.key })).status, 401, 'expired');
  assert.equal(
    (await h.request(endpoints.apiKeys, { token: kept.key })).body.items.find((k) => k.id === brief.id)?.expiresAt,
    new Date(h.clock.now()).toISOString(),
    'an expired key is still listed, with its expiry, until revoked',
  );

  const { root: otherRoot, sub: otherSub } = await h.otherOrg();
  const theirs = { params: { id: otherSub.id }, token: kept.key };
  assert.equal((await h.request(endpoints.deleteUser, theirs)).status, 404);
  assert.equal((await h.request(endpoints.resetUserMfa, theirs)).status, 404);
  assert.equal((await h.request(endpoints.revokeUserSessions, theirs)).status, 404);
  assert.ok(await h.store.getUser(otherSub.id));
  const otherRootSession = await h.signIn(otherRoot.username);
  const their = await h.request(endpoints.createApiKey, { token: otherRootSession, body: { name: 'Theirs' } });
  assert.equal(
    (await h.request(endpoints.revokeApiKey, { token: kept.key, params: { id: their.body.id } })).status,
    404,
  );
  assert.equal((await h.request(endpoints.orgUsers, { token: their.body.key })).status, 200, 'theirs still works');
  assert.deepEqual(
    (await h.request(endpoints.orgUsers, { token: their.body.key })).body.items.map((u) => u.username),
    ['globex-root', 'globex-sub'],
  );
});

test('each key has its own request budget: over it, 429 with Retry-After; the next minute it works again', async () => {
  const h = await harness({ settings: { apiKeyRequestsPerMinute: 5 } });
  const busy = await apiKeyFor(h, 'Busy');
  const calm = await apiKeyFor(h, 'Calm');
  for (let i = 0; i < 5; i++) assert.equal((await h.request(endpoints.orgPolicy, { token: busy.key })).status, 200);
  h.clock.advance(20_000);
  const over = await h.request(endpoints.orgPolicy, { token: busy.key });
  assert.deepEqual([over.status, over.body.code], [429, 'rate_limited']);
  assert.equal(over.headers.get('retry-after'), '40');
  assert.equal((await h.request(endpoints.orgPolicy, { token: calm.key })).status, 200, 'another key is not slowed');
  assert.equal(
    (await h.request(endpoints.orgPolicy, { token: await h.signIn('root-user') })).status,
    200,
    'nor the root in a session',
  );
  h.clock.advance(40_000);
  assert.equal((await h.request(endpoints.orgPolicy, { token: busy.key })).status, 200);
});
