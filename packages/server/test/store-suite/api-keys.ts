import assert from 'node:assert/strict';
import type { ApiKeyRecord, Store } from '../../src/store/store.ts';
import { event, org, t0, user, type SuiteTest } from './fixtures.ts';

const key = (id: string, orgId = 'org_a', expiresAt: number | null = null): ApiKeyRecord => ({
  id,
  orgId,
  name: `Key ${id}`,
  keyHash: `hash-${id}`,
  createdAt: t0,
  expiresAt,
  lastUsedAt: null,
});
const budget = { windowMs: 60_000, limit: 3 };

export function apiKeysSuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  test(`${name}: API keys are found by their hash until revoked or expired, and count their requests per window`, async () => {
    const store = await open();
    await store.createOrganization(org('org_a'), user('usr_root_a', 'root-a', 'org_a', 'root'));
    await store.createOrganization(org('org_b'), user('usr_root_b', 'root-b', 'org_b', 'root'));
    await store.createApiKey(key('key_1'), event('api_key_created'));
    await store.createApiKey(key('key_2', 'org_a', t0 + 1000), event('api_key_created'));
    await store.createApiKey(key('key_3', 'org_b'), event('api_key_created', 'org_b'));
    assert.deepEqual(
      (await store.listApiKeys('org_a')).map((k) => k.id),
      ['key_1', 'key_2'],
      'an organization sees its own keys only',
    );

    const first = await store.useApiKey('hash-key_1', t0 + 10, budget);
    assert.equal(first?.key.id, 'key_1');
    assert.equal(first?.org.id, 'org_a');
    assert.equal(first?.key.lastUsedAt, t0 + 10);
    assert.equal(first?.retryAfterMs, null);
    assert.equal(await store.useApiKey('hash-unknown', t0 + 10, budget), null);
    assert.equal((await store.useApiKey('hash-key_2', t0 + 999, budget))?.key.id, 'key_2');
    assert.equal(await store.useApiKey('hash-key_2', t0 + 1000, budget), null, 'expired at its expiry');

    // Three per window: the fourth waits until the window that began with the first ends.
    await store.useApiKey('hash-key_1', t0 + 20, budget);
    await store.useApiKey('hash-key_1', t0 + 30, budget);
    assert.equal((await store.useApiKey('hash-key_1', t0 + 40, budget))?.retryAfterMs, 60_000 - 30);
    const next = await store.useApiKey('hash-key_1', t0 + 10 + 60_000, budget);
    assert.equal(next?.retryAfterMs, null, 'a new window');
    assert.equal((await store.listApiKeys('org_a'))[0]?.lastUsedAt, t0 + 10 + 60_000);

    // Parallel requests on one key are all counted (one statement each), never lost.
    const parallel = await Promise.all(Array.from({ length: 6 }, () => store.useApiKey('hash-key_3', t0 + 50, budget)));
    assert.equal(parallel.filter((use) => use?.retryAfterMs === null).length, 3);

    assert.equal(await store.revokeApiKey('org_b', 'key_1', event('api_key_revoked', 'org_b')), false);
    assert.equal(await store.revokeApiKey('org_a', 'key_1', event('api_key_revoked')), true);
    assert.equal(await store.useApiKey('hash-key_1', t0 + 70_000, budget), null, 'revoked');
    assert.equal(await store.revokeApiKey('org_a', 'key_1', event('api_key_revoked')), false);
    assert.deepEqual(
      (await store.listEvents('org_a', null, 10)).map((e) => e.type),
      ['api_key_revoked', 'api_key_created', 'api_key_created'],
      'creating and revoking write their event; a refused revocation writes none',
    );
  });
}
