import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { minute } from '../../deps.ts';
import { harness, password } from '../../../test/support/harness.ts';

test('new recovery codes replace the old set, which stops working', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  const old = h.recoveryCodes.get('alice')!;
  const renewed = await h.request(endpoints.renewRecoveryCodes, { token });
  assert.equal(renewed.status, 200);
  assert.equal(renewed.headers.get('cache-control'), 'no-store');
  assert.equal(renewed.body.recoveryCodes.length, 10);
  assert.equal(
    renewed.body.recoveryCodes.some((c: string) => old.includes(c)),
    false,
  );
  const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.equal(
    (await h.request(endpoints.completeMfa, { body: { challengeId: login.body.challenge.id, code: old[0] } })).body
      .code,
    'invalid_code',
  );
  const ok = await h.request(endpoints.completeMfa, {
    body: { challengeId: login.body.challenge.id, code: renewed.body.recoveryCodes[0] },
  });
  assert.equal(ok.status, 200);
});

test('renewing needs a recent login with the second factor', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  h.clock.advance(11 * minute);
  assert.equal((await h.request(endpoints.renewRecoveryCodes, { token })).body.code, 'reauth_required');
  await h.request(endpoints.reauthenticate, { token, body: { password } });
  assert.equal((await h.request(endpoints.renewRecoveryCodes, { token })).body.code, 'reauth_required');
});

test('without an authenticator there are no recovery codes to renew', async () => {
  const h = await harness();
  const reply = await h.request(endpoints.renewRecoveryCodes, { token: await h.signIn('alice') });
  assert.equal(reply.status, 409);
  assert.equal(reply.body.code, 'conflict');
});
