import assert from 'node:assert/strict';
import { test } from 'node:test';
import { harness, password } from '../testing/harness.ts';

test('every security change writes an event: who, what, to whom, when, from where; never a secret', async () => {
  const h = await harness();
  const from = { 'x-test-address': '203.0.113.9' };
  const call = (method: string, path: string, token?: string, body?: unknown) => h.call(method, path, { token, body, headers: from });
  await call('POST', '/login', undefined, { username: 'alice', password: 'wrong but long enough' });
  const root = await h.signIn('root-user');
  const alice = await h.signIn('alice');
  await call('PUT', '/me/mfa', alice, { enabled: true });
  await h.signIn('alice'); // enrolls
  const aliceMfa = (await call('POST', '/login', undefined, { username: 'alice', password, tokenType: 'bearer' })).body.challenge.id;
  const done = await call('POST', '/login/mfa', undefined, { challengeId: aliceMfa, code: h.recoveryCodes.get('alice')![0] });
  assert.equal(done.status, 200, done.text);
  const renewed = await call('POST', '/me/mfa/recovery-codes', done.body.token);
  assert.equal(renewed.status, 200, renewed.text);
  await call('PUT', '/me/mfa', done.body.token, { enabled: false });
  await call('POST', '/me/mfa/reset', done.body.token);
  await call('POST', '/me/password', done.body.token, { currentPassword: password, newPassword: 'a brand new passphrase' });
  await call('PUT', '/org/policy', root, { enforceMfa: true });
  const created = await call('POST', '/org/users', root, { username: 'carol', password });
  await call('POST', `/org/users/${created.body.id}/mfa/reset`, root);
  await call('DELETE', `/org/users/${created.body.id}`, root);

  const events: Array<{ type: string; actor: { username: string } | null; target: { username: string } | null; at: string; clientAddress: string | null }> = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: typeof events; nextCursor: string | null } } = await h.call('GET', `/org/events${cursor ? `?cursor=${cursor}` : ''}`, { token: root });
    events.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  const types = new Set(events.map((e) => e.type));
  for (const type of ['login_failed', 'login_succeeded', 'mfa_enabled', 'mfa_enrolled', 'recovery_code_used', 'recovery_codes_renewed', 'mfa_disabled', 'mfa_reset_self', 'password_changed', 'org_policy_changed', 'user_created', 'mfa_reset_by_root', 'user_deleted']) {
    assert.ok(types.has(type), type);
  }
  const byRoot = events.find((e) => e.type === 'mfa_reset_by_root')!;
  assert.equal(byRoot.actor?.username, 'root-user');
  assert.equal(byRoot.target?.username, 'carol');
  assert.equal(byRoot.clientAddress, '203.0.113.9');
  assert.equal(byRoot.at, new Date(h.clock.now()).toISOString());
  const times = events.map((e) => Date.parse(e.at));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  const text = JSON.stringify(events);
  for (const secret of [password, h.secrets.get('alice')!, ...h.recoveryCodes.get('alice')!]) {
    assert.equal(text.includes(secret), false);
  }
});

test('a root user reads only its own organization\'s events', async () => {
  const h = await harness();
  await h.signIn('alice');
  const { root } = await h.otherOrg();
  const events = await h.call('GET', '/org/events', { token: await h.signIn(root.username) });
  assert.ok(events.body.items.length > 0);
  assert.equal(events.body.items.some((e: { target: { username: string } | null }) => e.target?.username === 'alice'), false);
});
