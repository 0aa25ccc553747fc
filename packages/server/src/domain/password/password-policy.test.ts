import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { harness } from '../../../test/support/harness.ts';

test('the public policy shows the stricter minimum; a session gets its own numbers', async () => {
  const h = await harness();
  const anonymous = await h.request(endpoints.passwordPolicy);
  assert.deepEqual(anonymous.body, {
    minLength: 15,
    maxLength: 256,
    minLengthWithMfa: 8,
    minLengthWithoutMfa: 15,
    normalization: 'NFKC',
    rejects: ['common', 'contains_username'],
  });
  const token = await h.signIn('alice');
  await h.request(endpoints.setMfaEnabled, { token, body: { enabled: true } });
  assert.equal(
    (await h.request(endpoints.passwordPolicy, { token })).body.minLength,
    15,
    'switched on, nothing linked: still the only factor',
  );
  const linked = await h.signIn('alice');
  assert.equal((await h.request(endpoints.passwordPolicy, { token: linked })).body.minLength, 8);
});

test('a breach check, when configured, refuses breached passwords and is listed', async () => {
  const h = await harness({ deps: { breachedPasswordCheck: async (p) => p === 'a breached but long passphrase' } });
  assert.deepEqual((await h.request(endpoints.passwordPolicy)).body.rejects, [
    'common',
    'breached',
    'contains_username',
  ]);
  const token = await h.signIn('alice');
  const reply = await h.request(endpoints.changePassword, {
    token,
    body: { currentPassword: 'a perfectly long passphrase', newPassword: 'a breached but long passphrase' },
  });
  assert.deepEqual(
    reply.body.errors.map((e: { code: string }) => e.code),
    ['breached'],
  );
});
