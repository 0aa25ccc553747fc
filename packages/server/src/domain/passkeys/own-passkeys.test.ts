import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { minute } from '../../deps.ts';
import { harness, password, type Harness } from '../../../test/support/harness.ts';
import { authenticator, registerPasskey, signInWithPasskey } from '../../../test/support/passkeys.ts';

const events = async (h: Harness, type: string) =>
  (await h.store.listEvents(h.orgId, null, 500)).filter((e) => e.type === type);

test('adding a first passkey: discoverable, verified options; the passkey turns MFA on with recovery codes and lists with its name', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const options = await h.request(endpoints.startPasskeyRegistration, { token });
  assert.equal(options.status, 200, options.text);
  assert.equal(options.headers.get('cache-control'), 'no-store');
  assert.equal(options.body.rp.id, 'localhost');
  assert.deepEqual(options.body.authenticatorSelection, {
    residentKey: 'required',
    userVerification: 'required',
    requireResidentKey: true,
  });
  assert.equal(options.body.timeout, 2 * minute);
  assert.equal(options.body.user.name, 'bob');
  assert.deepEqual(options.body.excludeCredentials, []);

  const { response } = await authenticator.register({ challenge: options.body.challenge });
  const added = await h.request(endpoints.finishPasskeyRegistration, {
    token,
    body: { response, name: '  Work laptop ' },
  });
  assert.equal(added.status, 200, added.text);
  assert.equal(added.body.name, 'Work laptop');
  assert.equal(added.body.createdAt, new Date(h.clock.now()).toISOString());
  assert.equal(added.body.lastUsedAt, null);
  assert.equal(added.body.recoveryCodes.length, 10, 'a first factor comes with recovery codes');
  assert.doesNotMatch(added.text, /publicKey|credentialId|counter/, 'key material stays on the server');

  const me = (await h.request(endpoints.me, { token })).body;
  assert.deepEqual(
    [me.mfa.enabled, me.mfa.configured, me.mfa.recoveryCodesLeft, me.session.reauthSecondFactor],
    [true, true, 10, true],
  );
  const list = (await h.request(endpoints.passkeys, { token })).body;
  assert.deepEqual(list.items, [
    { id: added.body.id, name: 'Work laptop', createdAt: added.body.createdAt, lastUsedAt: null },
  ]);
  assert.equal((await events(h, 'passkey_added')).length, 1);
});

test('a second passkey needs a recent authentication with a factor, excludes the first, and brings no new recovery codes', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const first = await registerPasskey(h, token, 'Phone');
  h.clock.advance(11 * minute);
  const stale = await h.request(endpoints.startPasskeyRegistration, { token });
  assert.equal(stale.body.code, 'reauth_required');
  const withPassword = await h.request(endpoints.reauthenticate, { token, body: { password } });
  assert.equal(withPassword.body.secondFactor, false);
  assert.equal(
    (await h.request(endpoints.startPasskeyRegistration, { token })).body.code,
    'reauth_required',
    'the password alone is not enough once a factor is linked',
  );

  const reauthOptions = (await h.request(endpoints.startPasskeyReauth, { token })).body;
  const answer = await authenticator.assert(first.credential, { challenge: reauthOptions.challenge });
  assert.equal(
    (await h.request(endpoints.reauthenticate, { token, body: { webauthn: answer } })).body.secondFactor,
    true,
  );
  const options = (await h.request(endpoints.startPasskeyRegistration, { token })).body;
  assert.deepEqual(
    options.excludeCredentials.map((c: { id: string }) => c.id),
    [first.credential.id],
  );
  const { response } = await authenticator.register({ challenge: options.challenge });
  const second = await h.request(endpoints.finishPasskeyRegistration, { token, body: { response } });
  assert.equal(second.status, 200, second.text);
  assert.equal(second.body.name, 'Passkey 2');
  assert.equal(second.body.recoveryCodes, undefined);
  assert.equal((await h.request(endpoints.me, { token })).body.mfa.recoveryCodesLeft, 10);
});

test('registration refuses an answer for another origin, another RP ID, without user verification, or replayed; the challenge is single use and lapses', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const attempt = async (ceremony: { origin?: string; rpId?: string; userVerified?: boolean }) => {
    const options = (await h.request(endpoints.startPasskeyRegistration, { token })).body;
    const { response } = await authenticator.register({ challenge: options.challenge, ...ceremony });
    return h.request(endpoints.finishPasskeyRegistration, { token, body: { response } });
  };
  assert.equal(
    (await attempt({ origin: 'https://portcullis-login.example' })).body.code,
    'invalid_code',
    'a phishing page',
  );
  assert.equal((await attempt({ rpId: 'example.com' })).body.code, 'invalid_code');
  assert.equal((await attempt({ userVerified: false })).body.code, 'invalid_code', 'a passkey verifies its user');

  const late = (await h.request(endpoints.startPasskeyRegistration, { token })).body;
  h.clock.advance(2 * minute);
  const lateAnswer = await authenticator.register({ challenge: late.challenge });
  assert.equal(
    (await h.request(endpoints.finishPasskeyRegistration, { token, body: { response: lateAnswer.response } })).body
      .code,
    'challenge_expired',
    'two minutes to answer',
  );

  const options = (await h.request(endpoints.startPasskeyRegistration, { token })).body;
  const { response } = await authenticator.register({ challenge: options.challenge });
  const other = await h.signIn('bob');
  assert.equal(
    (await h.request(endpoints.finishPasskeyRegistration, { token: other, body: { response } })).body.code,
    'challenge_expired',
    'bound to the session that asked',
  );
  assert.equal((await h.request(endpoints.finishPasskeyRegistration, { token, body: { response } })).status, 200);
  assert.equal(
    (await h.request(endpoints.finishPasskeyRegistration, { token, body: { response } })).body.code,
    'challenge_expired',
    'single use',
  );

  assert.equal((await h.request(endpoints.passkeys, { token })).body.items.length, 1, 'nothing refused was stored');

  const malformed = await h.request(endpoints.finishPasskeyRegistration, {
    token,
    body: { response: { id: 'x', type: 'password' } },
  });
  assert.equal(malformed.body.code, 'invalid_request');
});

test('a credential registered already (by anyone) is not registered again', async () => {
  const h = await harness();
  const bob = await h.signIn('bob');
  const options = (await h.request(endpoints.startPasskeyRegistration, { token: bob })).body;
  const registered = await authenticator.register({ challenge: options.challenge });
  await h.request(endpoints.finishPasskeyRegistration, { token: bob, body: { response: registered.response } });
  const alice = await h.signIn('alice');
  const aliceOptions = (await h.request(endpoints.startPasskeyRegistration, { token: alice })).body;
  // The same credential, presented again by a genuine authenticator over Alice's challenge.
  const again = await authenticator.register({ challenge: aliceOptions.challenge, again: registered.credential });
  const reply = await h.request(endpoints.finishPasskeyRegistration, {
    token: alice,
    body: { response: again.response },
  });
  assert.equal(reply.body.code, 'conflict', reply.text);
  assert.equal((await h.request(endpoints.passkeys, { token: alice })).body.items.length, 0);
});

test("renaming: one line, one's own passkeys only", async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const { reply } = await registerPasskey(h, token, 'Phone');
  const renamed = await h.request(endpoints.renamePasskey, {
    params: { id: reply.body.id },
    token,
    body: { name: 'Old phone' },
  });
  assert.equal(renamed.status, 200, renamed.text);
  assert.equal(renamed.body.name, 'Old phone');
  assert.equal(
    (await h.request(endpoints.renamePasskey, { params: { id: reply.body.id }, token, body: { name: 'two\nlines' } }))
      .body.code,
    'invalid_request',
  );
  assert.equal(
    (await h.request(endpoints.renamePasskey, { params: { id: reply.body.id }, token, body: { name: 'x'.repeat(65) } }))
      .body.code,
    'invalid_request',
  );
  const alice = await h.signIn('alice');
  assert.equal(
    (
      await h.request(endpoints.renamePasskey, {
        params: { id: reply.body.id },
        token: alice,
        body: { name: 'Mine now' },
      })
    ).body.code,
    'not_found',
  );
  assert.equal(
    (await h.request(endpoints.removePasskey, { params: { id: reply.body.id }, token: alice })).body.code,
    'not_found',
  );
  assert.equal((await h.request(endpoints.passkeys, { token })).body.items[0]!.name, 'Old phone');
});

test('removing a passkey is sensitive; removing the last factor turns MFA off, and is refused under enforcement or with a short password', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const phone = await registerPasskey(h, token, 'Phone');
  const key = await registerPasskey(h, token, 'Key');
  h.clock.advance(11 * minute);
  assert.equal(
    (await h.request(endpoints.removePasskey, { params: { id: phone.reply.body.id }, token })).body.code,
    'reauth_required',
  );

  const root = await h.withMfa('root-user');
  await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } });
  const login = (await h.request(endpoints.login, { body: { username: 'bob', password, tokenType: 'bearer' } })).body;
  assert.equal(login.status, 'mfa_required', 'a passkey-only user counts as enrolled under enforcement');
  const answer = await authenticator.assert(key.credential, { challenge: login.challenge.passkeyOptions.challenge });
  const fresh = (
    await h.request(endpoints.completeMfa, { body: { challengeId: login.challenge.id, webauthn: answer } })
  ).body.token;
  const subusers = (await h.request(endpoints.orgUsers, { token: root })).body.items;
  assert.equal(subusers.find((u: { username: string }) => u.username === 'bob')!.mfa.configured, true);

  assert.equal(
    (await h.request(endpoints.removePasskey, { params: { id: phone.reply.body.id }, token: fresh })).status,
    204,
    'one of two may go under enforcement',
  );
  assert.equal(
    (await h.request(endpoints.removePasskey, { params: { id: key.reply.body.id }, token: fresh })).body.code,
    'mfa_enforced',
  );
  await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: false } });

  // Without enforcement the last one goes, and MFA with it, as with the switch.
  const removed = await h.request(endpoints.removePasskey, { params: { id: key.reply.body.id }, token: fresh });
  assert.equal(removed.status, 204, removed.text);
  const after = (await h.request(endpoints.me, { token: fresh })).body;
  assert.deepEqual([after.mfa.enabled, after.mfa.configured, after.mfa.recoveryCodesLeft], [false, false, 0]);
  assert.equal((await events(h, 'passkey_removed')).length, 2);
  assert.equal((await events(h, 'mfa_disabled')).length, 1);
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'bob', password } })).body.status,
    'authenticated',
  );
  assert.equal((await signInWithPasskey(h, key.credential)).body.code, 'invalid_credentials');
});

test('a passkey-only user who lost the passkey confirms with the password and a recovery code; a self reset has no app to unlink', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const { reply } = await registerPasskey(h, token);
  h.clock.advance(11 * minute);
  const confirmed = await h.request(endpoints.reauthenticate, {
    token,
    body: { password, code: reply.body.recoveryCodes[0] },
  });
  assert.deepEqual([confirmed.status, confirmed.body.secondFactor], [200, true], confirmed.text);
  const reset = await h.request(endpoints.resetMfa, { token });
  assert.equal(reset.body.code, 'conflict');
  assert.equal((await h.request(endpoints.me, { token })).body.mfa.recoveryCodesLeft, 9, 'the codes stay');
  assert.equal(
    (await h.request(endpoints.removePasskey, { params: { id: reply.body.id }, token })).status,
    204,
    'the lost passkey goes',
  );
});

test('the last passkey stays while the password could not stand alone', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const { reply } = await registerPasskey(h, token);
  const short = 'only twelve!';
  assert.equal(
    (await h.request(endpoints.changePassword, { token, body: { currentPassword: password, newPassword: short } }))
      .status,
    204,
  );
  const refused = await h.request(endpoints.removePasskey, { params: { id: reply.body.id }, token });
  assert.equal(refused.body.code, 'password_policy');
  assert.equal((await h.request(endpoints.passkeys, { token })).body.items.length, 1);
});

test("turning MFA off, a root's reset and a self reset: what becomes of the passkeys", async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  const bob = await h.signIn('bob');
  const bobKey = await registerPasskey(h, bob);
  const reset = await h.request(endpoints.resetUserMfa, { params: { id: h.users.bob!.id }, token: root });
  assert.equal(reset.status, 200, reset.text);
  assert.equal(
    (await h.store.listPasskeys(h.users.bob!.id)).length,
    0,
    "a root's reset removes the subuser's passkeys",
  );
  assert.equal((await signInWithPasskey(h, bobKey.credential)).body.code, 'invalid_credentials');

  const alice = await h.withMfa('alice');
  const aliceKey = await registerPasskey(h, alice);
  await h.request(endpoints.reauthenticate, { token: alice, body: { password, code: await h.nextCode('alice') } });
  assert.equal((await h.request(endpoints.resetMfa, { token: alice })).status, 200);
  assert.equal(
    (await h.store.listPasskeys(h.users.alice!.id)).length,
    1,
    'a self reset unlinks the app and keeps the passkeys',
  );
  const login = (await h.request(endpoints.login, { body: { username: 'alice', password } })).body;
  assert.deepEqual(
    [login.status, login.challenge.methods],
    ['mfa_required', ['passkey']],
    'the passkey still answers; the app and its codes are gone',
  );
  const options = (await h.request(endpoints.startPasskeyReauth, { token: alice })).body;
  await h.request(endpoints.reauthenticate, {
    token: alice,
    body: { webauthn: await authenticator.assert(aliceKey.credential, { challenge: options.challenge }) },
  });
  assert.equal((await h.request(endpoints.setMfaEnabled, { token: alice, body: { enabled: false } })).status, 200);
  assert.equal((await h.store.listPasskeys(h.users.alice!.id)).length, 0, 'MFA off removes every factor');
});
