import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpoints, type ParamNames, type PathParams } from '../src/contract/index.ts';
import { isPortcullisError } from '../src/index.ts';
import { createEmitter } from '../src/client-events.ts';
import { createTransport } from '../src/transport.ts';
import { serverHarness } from './harness.ts';

test('path parameters are typed from the path string: a wrong or missing name does not compile, and the value goes into the path', async () => {
  const names: ParamNames<'/org/users/{id}/mfa/reset'>[] = ['id'];
  assert.deepEqual(names, ['id']);
  const ok: PathParams<'/me/passkeys/{id}'> = { id: 'pk_1' };
  // @ts-expect-error the parameter is {id}: renaming it on one side does not compile on the other
  const renamed: PathParams<'/me/passkeys/{id}'> = { passkeyId: 'pk_1' };
  // @ts-expect-error a missing parameter
  const missing: PathParams<'/me/passkeys/{id}'> = {};
  assert.deepEqual([ok, renamed, missing], [{ id: 'pk_1' }, { passkeyId: 'pk_1' }, {}]);

  const h = await serverHarness();
  const seen: string[] = [];
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(input instanceof Request ? input.url : String(input));
    return h.fetch(input, init);
  }) as typeof globalThis.fetch;
  const call = createTransport(
    { baseUrl: 'http://localhost/api/v1', fetch, timeout: 5000, retry: 0 },
    () => undefined,
    createEmitter(),
  );
  await assert.rejects(call(endpoints.removePasskey, { params: { id: 'pk_a/b?c' } }), (error: unknown) =>
    isPortcullisError(error, 'unauthenticated'),
  );
  assert.equal(seen.at(-1), 'http://localhost/api/v1/me/passkeys/pk_a%2Fb%3Fc', 'encoded into its place');
  // @ts-expect-error a path with parameters needs them
  await assert.rejects(call(endpoints.removePasskey), TypeError);
  // @ts-expect-error and by their names
  await assert.rejects(call(endpoints.removePasskey, { params: { passkeyId: 'x' } }), TypeError);
  // A path without parameters takes none.
  await assert.rejects(call(endpoints.me), (error: unknown) => isPortcullisError(error, 'unauthenticated'));
});
