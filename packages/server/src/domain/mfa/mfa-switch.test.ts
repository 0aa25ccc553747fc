import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { minute } from '../../deps.ts';
import { harness, password } from '../../../test/support/harness.ts';

test('turning MFA on changes nothing until the next login, which enrolls', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const on = await h.request(endpoints.setMfaEnabled, { token, body: { enabled: true } });
  assert.equal(on.status, 200);
  assert.deepEqual(on.body, {
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
});

test('turning MFA off unlinks the authenticator and its recovery codes; the next login needs no code', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  const off = await h.request(endpoints.setMfaEnabled, { token, body: { enabled: false } });
  assert.deepEqual(off.body, {
    enabled: false,
    enforced: false,
    required: false,
    configured: false,
    recoveryCodesLeft: 0,
    authenticatorApp: false,
    passkeys: 0,
    requiredFrom: null,
    phishingResistant: false,
  });
  assert.equal(await h.store.countRecoveryCodes(h.users.alice!.id), 0);
  const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.equal(login.body.status, 'authenticated');
});

test('turning MFA off is refused while the organization enforces it, for subusers and for root', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  assert.equal((await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } })).status, 200);
  for (const username of ['alice', 'root-user']) {
    const token = await h.signIn(username);
    const reply = await h.request(endpoints.setMfaEnabled, { token, body: { enabled: false } });
    assert.equal(reply.status, 403, username);
    assert.equal(reply.body.code, 'mfa_enforced', username);
    // Nothing was half-applied.
    const me = await h.request(endpoints.me, { token });
    assert.equal(me.body.mfa.configured, true, username);
    assert.equal(me.body.mfa.required, true, username);
  }
  const alice = await h.request(endpoints.me, { token: await h.signIn('alice') });
  assert.equal(alice.body.mfa.enabled, true, 'enrolling turned her own switch on');
});

test('while MFA is on but nothing is linked, turning it off asks for the password: there is no factor to ask for (#28 item 9)', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  await h.request(endpoints.setMfaEnabled, { token, body: { enabled: true } });
  h.clock.advance(11 * 60_000);
  const reply = await h.request(endpoints.setMfaEnabled, { token, body: { enabled: false } });
  assert.equal(reply.body.code, 'reauth_required');
  assert.deepEqual(
    reply.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
    [['password', 'required']],
  );
  assert.equal((await h.request(endpoints.me, { token })).body.mfa.enabled, true, 'nothing changed');
  assert.equal((await h.request(endpoints.reauthenticate, { token, body: { password } })).status, 200);
  const off = await h.request(endpoints.setMfaEnabled, { token, body: { enabled: false } });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.body.enabled, false);
});

test('while the organization enforces MFA and nothing is linked, turning it off is still refused', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  const policy = await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } });
  assert.equal(policy.status, 200, policy.text);
  const reply = await h.request(endpoints.setMfaEnabled, { token: root, body: { enabled: false } });
  assert.equal(reply.body.code, 'mfa_enforced', reply.text);
});

test('the 8-character minimum holds only while an authenticator is linked: MFA cannot be turned off over a short password', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  const short = 'eight ch';
  assert.equal(
    (await h.request(endpoints.changePassword, { token, body: { currentPassword: password, newPassword: short } }))
      .status,
    204,
  );
  const refused = await h.request(endpoints.setMfaEnabled, { token, body: { enabled: false } });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.code, 'password_policy');
  assert.match(refused.body.detail, /Change your password .* 15 characters first/);
  assert.equal((await h.request(endpoints.me, { token })).body.mfa.configured, true, 'nothing was half-applied');
  assert.equal(
    (
      await h.request(endpoints.changePassword, {
        token,
        body: { currentPassword: short, newPassword: 'fifteen chars!!' },
      })
    ).status,
    204,
  );
  assert.equal((await h.request(endpoints.setMfaEnabled, { token, body: { enabled: false } })).status, 200);
});

test('a short password proven at sign-in is noticed, whatever the record said', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  await h.request(endpoints.changePassword, { token, body: { currentPassword: password, newPassword: 'eight ch' } });
  await h.store.notePasswordStrength(h.users.alice!.id, h.users.alice!.passwordHash, true); // a stale record, as an upgrade could leave
  const fresh = await h.request(endpoints.login, {
    body: { username: 'alice', password: 'eight ch', tokenType: 'bearer' },
  });
  const done = await h.request(endpoints.completeMfa, {
    body: { challengeId: fresh.body.challenge.id, code: await h.nextCode('alice') },
  });
  assert.equal(
    (await h.request(endpoints.setMfaEnabled, { token: done.body.token, body: { enabled: false } })).body.code,
    'password_policy',
  );
});

test('turning MFA off with a stale login asks for re-authentication first', async () => {
  const h = await harness();
  const token = await h.withMfa('bob');
  h.clock.advance(10 * minute);
  const reply = await h.request(endpoints.setMfaEnabled, { token, body: { enabled: false } });
  assert.equal(reply.body.code, 'reauth_required');
  assert.equal((await h.request(endpoints.me, { token })).body.mfa.enabled, true);
});

test('a malformed switch value is a clear 400 and changes nothing', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  for (const body of [{ enabled: 'yes' }, {}, { enabled: true, extra: 1 }, [true]]) {
    const reply = await h.request(endpoints.setMfaEnabled, { token, body });
    assert.equal(reply.status, 400, JSON.stringify(body));
    assert.equal(reply.body.code, 'invalid_request');
    assert.ok(reply.body.errors.length > 0);
  }
  assert.equal((await h.request(endpoints.me, { token })).body.mfa.enabled, false);
});
