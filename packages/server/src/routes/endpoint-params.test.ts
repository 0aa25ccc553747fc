import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import type { Endpoints } from '@portcullis/sdk/contract';
import { harness } from '../../test/support/harness.ts';
import { registerPasskey } from '../../test/support/passkeys.ts';
import type { EndpointCall } from './endpoint.ts';

type RenameParams = EndpointCall<Endpoints['renamePasskey']>['params'];
type MeParams = EndpointCall<Endpoints['me']>['params'];

test('handlers receive the path parameters typed from the entry: {id} is `id`, a string, present; another name does not compile', async () => {
  const typed: RenameParams = { id: 'pk_1' };
  // @ts-expect-error the path says {id}: a handler reading another name does not compile
  const renamed: RenameParams = { passkeyId: 'pk_1' };
  // @ts-expect-error nor one without it
  const missing: RenameParams = {};
  const none: MeParams = {};
  assert.deepEqual([typed, renamed, missing, none], [{ id: 'pk_1' }, { passkeyId: 'pk_1' }, {}, {}]);

  // And at run time the value reaches the handler under that name.
  const h = await harness();
  const token = await h.signIn('alice');
  const { reply } = await registerPasskey(h, token, 'Laptop');
  const renamedReply = await h.request(endpoints.renamePasskey, {
    params: { id: reply.body.id },
    token,
    body: { name: 'Desk' },
  });
  assert.equal(renamedReply.status, 200, renamedReply.text);
  assert.equal(renamedReply.body.name, 'Desk');
});
