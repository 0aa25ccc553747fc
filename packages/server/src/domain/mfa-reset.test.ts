import assert from 'node:assert/strict';
import { test } from 'node:test';
import { totpCode } from '../crypto/totp.ts';
import { minute } from '../deps.ts';
import { harness, password } from '../testing/harness.ts';

test('reset unlinks the authenticator, keeps the switch, and the next login enrolls a new secret; the old one no longer works', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  const oldSecret = h.secrets.get('alice')!;
  const reset = await h.call('POST', '/me/mfa/reset', { token });
  assert.equal(reset.status, 200);
  assert.deepEqual(reset.body, { enabled: true, enforced: false, required: true, configured: false, recoveryCodesLeft: 0 });
  assert.equal((await h.call('GET', '/me', { token })).status, 200, 'the session carries on');
  const login = await h.call('POST', '/login', { body: { username: 'alice', password } });
  assert.equal(login.body.status, 'mfa_setup_required');
  assert.notEqual(login.body.enrollment.secret, oldSecret);
  h.clock.advance(30_000);
  const old = await h.call('POST', '/login/mfa', { body: { challengeId: login.body.challenge.id, code: await totpCode(oldSecret, h.clock.now()) } });
  assert.equal(old.body.code, 'invalid_code');
});

test('a lost device: the password alone is enough to reset one\'s own MFA', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  h.clock.advance(20 * minute);
  assert.equal((await h.call('POST', '/me/mfa/reset', { token })).body.code, 'reauth_required');
  const reauth = await h.call('POST', '/me/reauth', { token, body: { password } });
  assert.equal(reauth.body.secondFactor, false);
  assert.equal((await h.call('POST', '/me/mfa/reset', { token })).status, 200);
});

test('everyone can reset their own MFA while the organization enforces it', async () => {
  const h = await harness();
  await h.call('PUT', '/org/policy', { token: await h.signIn('root-user'), body: { enforceMfa: true } });
  const token = await h.signIn('bob');
  const reply = await h.call('POST', '/me/mfa/reset', { token });
  assert.equal(reply.status, 200);
  assert.equal(reply.body.required, true);
  assert.equal(reply.body.configured, false);
});

test('reset needs an active session', async () => {
  const h = await harness();
  assert.equal((await h.call('POST', '/me/mfa/reset')).status, 401);
});
