import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { totpCode } from '../../crypto/totp.ts';
import { minute } from '../../deps.ts';
import { harness, password } from '../../../test/support/harness.ts';

test('reset unlinks the authenticator, keeps the switch, and the next login enrolls a new secret; the old one no longer works', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  const oldSecret = h.secrets.get('alice')!;
  const reset = await h.request(endpoints.resetMfa, { token });
  assert.equal(reset.status, 200);
  assert.deepEqual(reset.body, {
    enabled: true,
    enforced: false,
    required: true,
    configured: false,
    recoveryCodesLeft: 0,
    authenticatorApp: false,
    passkeys: 0,
    requiredFrom: null,
    phishingResistant: false,
  });
  assert.equal((await h.request(endpoints.me, { token })).status, 200, 'the session carries on');
  const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.equal(login.body.status, 'mfa_setup_required');
  assert.notEqual(login.body.enrollment.secret, oldSecret);
  h.clock.advance(30_000);
  const old = await h.request(endpoints.completeMfa, {
    body: { challengeId: login.body.challenge.id, code: await totpCode(oldSecret, h.clock.now()) },
  });
  assert.equal(old.body.code, 'invalid_code');
});

test('a stolen session and the password cannot reset MFA: the reset needs the second factor', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  h.clock.advance(20 * minute);
  const stale = await h.request(endpoints.resetMfa, { token });
  assert.equal(stale.body.code, 'reauth_required');
  assert.deepEqual(
    stale.body.errors.map((e: { path: string }) => e.path),
    ['password', 'code'],
  );
  const reauth = await h.request(endpoints.reauthenticate, { token, body: { password } });
  assert.equal(reauth.body.secondFactor, false);
  assert.equal((await h.request(endpoints.resetMfa, { token })).body.code, 'reauth_required');
  assert.equal((await h.request(endpoints.me, { token })).body.mfa.configured, true, 'nothing was unlinked');
});

test('a lost device: a recovery code confirms the reset', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  h.clock.advance(20 * minute);
  const reauth = await h.request(endpoints.reauthenticate, {
    token,
    body: { password, code: h.recoveryCodes.get('alice')![0] },
  });
  assert.equal(reauth.body.secondFactor, true);
  assert.equal((await h.request(endpoints.resetMfa, { token })).status, 200);
});

test('a reset clears the recent authentication: nothing sensitive follows on the strength of the removed factor', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  assert.equal((await h.request(endpoints.resetMfa, { token: root })).status, 200);
  const me = await h.request(endpoints.me, { token: root });
  assert.deepEqual([me.body.session.reauthUntil, me.body.session.reauthSecondFactor], [null, false]);
  for (const [name, send] of [
    ['setOrgPolicy', () => h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } })],
    ['deleteUser', () => h.request(endpoints.deleteUser, { params: { id: h.users.bob!.id }, token: root })],
    ['setMfaEnabled', () => h.request(endpoints.setMfaEnabled, { token: root, body: { enabled: false } })],
  ] as const) {
    assert.equal((await send()).body.code, 'reauth_required', name);
  }
  await h.request(endpoints.reauthenticate, { token: root, body: { password } });
  assert.equal(
    (await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } })).body.code,
    'reauth_required',
    'the password alone does not reopen them',
  );
  assert.ok(await h.store.getUser(h.users.bob!.id));
});

test('everyone can reset their own MFA while the organization enforces it', async () => {
  const h = await harness();
  await h.request(endpoints.setOrgPolicy, { token: await h.signIn('root-user'), body: { enforceMfa: true } });
  const token = await h.signIn('bob');
  const reply = await h.request(endpoints.resetMfa, { token });
  assert.equal(reply.status, 200);
  assert.equal(reply.body.required, true);
  assert.equal(reply.body.configured, false);
});

test('reset needs an active session', async () => {
  const h = await harness();
  assert.equal((await h.request(endpoints.resetMfa)).status, 401);
});
