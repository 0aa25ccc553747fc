import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpoints } from '@portcullis/sdk/contract';
import { harness } from '../../test/support/harness.ts';

test('tests call by entry: a successful reply is checked against the entry’s response schema, so one that left it fails the test', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const me = await h.request(endpoints.me, { token });
  assert.equal(me.body.username, 'alice');
  // The same reply held against another entry's schema (as a handler that drifted would be): refused.
  await assert.rejects(
    h.request({ ...endpoints.me, response: endpoints.passkeys.response }, { token }),
    /left its schema/,
  );
});
