import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minute } from '../deps.ts';
import { harness, password } from '../testing/harness.ts';

test('turning MFA on changes nothing until the next login, which enrolls', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const on = await h.call('PUT', '/me/mfa', { token, body: { enabled: true } });
  assert.equal(on.status, 200);
  assert.deepEqual(on.body, { enabled: true, enforced: false, required: true, configured: false, recoveryCodesLeft: 0 });
  assert.equal((await h.call('GET', '/me', { token })).status, 200, 'the session carries on');
  const login = await h.call('POST', '/login', { body: { username: 'alice', password } });
  assert.equal(login.body.status, 'mfa_setup_required');
});

test('turning MFA off unlinks the authenticator and its recovery codes; the next login needs no code', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  const off = await h.call('PUT', '/me/mfa', { token, body: { enabled: false } });
  assert.deepEqual(off.body, { enabled: false, enforced: false, required: false, configured: false, recoveryCodesLeft: 0 });
  assert.equal(await h.store.countRecoveryCodes(h.users.alice!.id), 0);
  const login = await h.call('POST', '/login', { body: { username: 'alice', password } });
  assert.equal(login.body.status, 'authenticated');
});

test('turning MFA off is refused while the organization enforces it, for subusers and for root', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  await h.call('PUT', '/me/mfa', { token: root, body: { enabled: true } });
  assert.equal((await h.call('PUT', '/org/policy', { token: root, body: { enforceMfa: true } })).status, 200);
  for (const username of ['alice', 'root-user']) {
    const token = await h.signIn(username);
    const reply = await h.call('PUT', '/me/mfa', { token, body: { enabled: false } });
    assert.equal(reply.status, 403, username);
    assert.equal(reply.body.code, 'mfa_enforced', username);
    // Nothing was half-applied.
    const me = await h.call('GET', '/me', { token });
    assert.equal(me.body.mfa.configured, true, username);
    assert.equal(me.body.mfa.required, true, username);
  }
  const alice = await h.call('GET', '/me', { token: await h.signIn('alice') });
  assert.equal(alice.body.mfa.enabled, false, 'the own switch is still off; the policy is what requires MFA');
});

test('turning MFA off with a stale login asks for re-authentication first', async () => {
  const h = await harness();
  const token = await h.withMfa('bob');
  h.clock.advance(10 * minute);
  const reply = await h.call('PUT', '/me/mfa', { token, body: { enabled: false } });
  assert.equal(reply.body.code, 'reauth_required');
  assert.equal((await h.call('GET', '/me', { token })).body.mfa.enabled, true);
});

test('a malformed switch value is a clear 400 and changes nothing', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  for (const body of [{ enabled: 'yes' }, {}, { enabled: true, extra: 1 }, [true]]) {
    const reply = await h.call('PUT', '/me/mfa', { token, body });
    assert.equal(reply.status, 400, JSON.stringify(body));
    assert.equal(reply.body.code, 'invalid_request');
    assert.ok(reply.body.errors.length > 0);
  }
  assert.equal((await h.call('GET', '/me', { token })).body.mfa.enabled, false);
});
