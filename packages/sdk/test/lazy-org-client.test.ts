import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPortcullisError } from '../src/errors.ts';
import { lazyOrgClient } from '../src/lazy-org-client.ts';
import { createOrgClient, type OrgClient } from '../src/org-client.ts';
import type { Transport } from '../src/transport.ts';

const neverCalled = (() => Promise.reject(new Error('no request in this test'))) as unknown as Transport;

test('client.org has every method of the organization client before it is loaded', () => {
  const lazy = lazyOrgClient(() => Promise.reject(new Error('not loaded')));
  assert.deepEqual(Object.keys(lazy).sort(), Object.keys(createOrgClient(neverCalled, () => {})).sort());
});

test('the organization client loads at the first call, once, and each call is forwarded with its arguments', async () => {
  let loads = 0;
  const seen: unknown[] = [];
  const real = {
    deleteUser: async (id: string) => void seen.push(['deleteUser', id]),
    updateWebhook: async (id: string, input: unknown) => (seen.push(['updateWebhook', id, input]), { id }),
    async *allUsers(query?: unknown) {
      seen.push(['allUsers', query]);
      yield* [{ id: 'usr_1' }, { id: 'usr_2' }];
    },
  } as unknown as OrgClient;
  const org = lazyOrgClient(async () => (loads++, real));
  assert.equal(loads, 0, 'nothing is loaded before a call');
  await org.deleteUser('usr_9');
  assert.deepEqual(await org.updateWebhook('wh_1', { enabled: false }), { id: 'wh_1' });
  const users = [];
  for await (const user of org.allUsers({ q: 'a' })) users.push(user.id);
  assert.deepEqual(users, ['usr_1', 'usr_2']);
  assert.equal(loads, 1);
  assert.deepEqual(seen, [
    ['deleteUser', 'usr_9'],
    ['updateWebhook', 'wh_1', { enabled: false }],
    ['allUsers', { q: 'a' }],
  ]);
});

test('a load that fails (the network) is `network`, and the next call tries again', async () => {
  let loads = 0;
  const org = lazyOrgClient(async () => {
    loads++;
    if (loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
    return { policy: async () => ({ enforceMfa: true }) } as unknown as OrgClient;
  });
  await assert.rejects(org.policy(), (error) => isPortcullisError(error, 'network'));
  assert.deepEqual(await org.policy(), { enforceMfa: true });
  assert.equal(loads, 2);
});
