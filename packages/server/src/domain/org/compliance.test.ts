import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpoints } from '@portcullis/sdk/contract';
import { apiKeyFor } from '../../../test/support/api-keys.ts';
import { harness, password } from '../../../test/support/harness.ts';
import { registerPasskey } from '../../../test/support/passkeys.ts';

test('the compliance view: how many members have a passkey, the app only or nothing, and who, page by page', async () => {
  const h = await harness();
  await h.withMfa('alice'); // the app
  expectOk((await registerPasskey(h, await h.signIn('bob'))).reply); // a passkey
  const root = await h.signIn('root-user'); // nothing
  const summary = await h.request(endpoints.orgMfaSummary, { token: root });
  assert.equal(summary.status, 200, summary.text);
  assert.deepEqual(summary.body, { members: 3, withPasskey: 1, appOnly: 1, withoutFactor: 1 });

  const group = async (mfa: string) =>
    (await h.request(endpoints.orgUsers, { token: root, query: { mfa } })).body.items.map((u) => [
      u.username,
      u.mfa.passkeys,
      u.mfa.authenticatorApp,
    ]);
  assert.deepEqual(await group('none'), [['root-user', 0, false]]);
  assert.deepEqual(await group('app'), [['alice', 0, true]]);
  assert.deepEqual(await group('passkey'), [['bob', 1, false]]);
  const bad = await h.call('GET', '/org/users?mfa=sms', { token: root });
  assert.deepEqual([bad.status, bad.body.code, bad.body.errors[0].path], [400, 'invalid_request', 'mfa']);

  const { key } = await apiKeyFor(h);
  assert.deepEqual(
    (await h.request(endpoints.orgMfaSummary, { token: key })).body.withoutFactor,
    1,
    'a key reads it too',
  );
  const alice = await h.signIn('alice');
  assert.equal((await h.request(endpoints.orgMfaSummary, { token: alice })).body.code, 'forbidden', 'not a subuser');
});

test('the groups page with the cursor across a large organization', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  for (let i = 0; i < 7; i++)
    await h.request(endpoints.createUser, {
      token: root,
      body: { username: `member-${i}`, password },
    });
  await h.withMfa('member-3');
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: { username: string }[]; nextCursor: string | null } } = await h.request(
      endpoints.orgUsers,
      { token: root, query: { mfa: 'none', limit: '3', ...(cursor ? { cursor } : {}) } },
    );
    seen.push(...page.body.items.map((u) => u.username));
    cursor = page.body.nextCursor;
  } while (cursor);
  assert.deepEqual(seen, [
    'alice',
    'bob',
    'member-0',
    'member-1',
    'member-2',
    'member-4',
    'member-5',
    'member-6',
    'root-user',
  ]);
});

function expectOk(reply: { status: number; text: string }) {
  assert.ok(reply.status < 300, reply.text);
}
