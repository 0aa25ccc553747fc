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

test('a reply by entry is typed by its response schema: a field the entry does not have does not compile', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const me = await h.request(endpoints.me, { token });
  const username: string = me.body.username;
  // @ts-expect-error `GET /me` has no `items`: a test reading it does not compile
  const items = me.body.items;
  // @ts-expect-error and `username` is a string, not a number
  const wrong: number = me.body.username;
  const list = await h.request(endpoints.passkeys, { token });
  // A problem's fields are there too, for the tests that read an error.
  const code: string | undefined = list.body.code;
  assert.deepEqual([username, items, wrong, code, list.body.items], ['alice', undefined, 'alice', undefined, []]);
});
