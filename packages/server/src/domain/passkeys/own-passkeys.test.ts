import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { minute } from '../../deps.ts';
import { harness, password, type Harness } from '../../testing/harness.ts';
import { authenticator, registerPasskey, signInWithPasskey } from '../../testing/passkeys.ts';

const events = async (h: Harness, type: string) => (await h.store.listEvents(h.orgId, null, 500)).filter((e) => e.type === type);

test('adding a first passkey: discoverable, verified options; the passkey turns MFA on with recovery codes and lists with its name', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const options = await h.call('POST', '/me/passkeys/registration', { token });
  assert.equal(options.status, 200, options.text);
  assert.equal(options.headers.get('cache-control'), 'no-store');
  assert.equal(options.body.rp.id, 'localhost');
  assert.deepEqual(options.body.authenticatorSelection, { residentKey: 'required', userVerification: 'required', requireResidentKey: true });
  assert.equal(options.body.timeout, 2 * minute);
  assert.equal(options.body.user.name, 'bob');
  assert.deepEqual(options.body.excludeCredentials, []);

  const { response } = await authenticator.register({ challenge: options.body.challenge });
  const added = await h.call('POST', '/me/passkeys/registration/verify', { token, body: { response, name: '  Work laptop ' } });
  assert.equal(added.status, 200, added.text);
  assert.equal(added.body.name, 'Work laptop');
  assert.equal(added.body.createdAt, new Date(h.clock.now()).toISOString());
  assert.equal(added.body.lastUsedAt, null);
  assert.equal(added.body.recoveryCodes.length, 10, 'a first factor comes with recovery codes');
  assert.doesNotMatch(added.text, /publicKey|credentialId|counter/, 'key material stays on the server');

  const me = (await h.call('GET', '/me', { token })).body;
  assert.deepEqual([me.mfa.enabled, me.mfa.configured, me.mfa.recoveryCodesLeft, me.session.reauthSecondFactor], [true, true, 10, true]);
  const list = (await h.call('GET', '/me/passkeys', { token })).body;
  assert.deepEqual(list.items, [{ id: added.body.id, name: 'Work laptop', createdAt: added.body.createdAt, lastUsedAt: null }]);
  assert.equal((await events(h, 'passkey_added')).length, 1);
});

test('a second passkey needs a recent authentication with a factor, excludes the first, and brings no new recovery codes', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const first = await registerPasskey(h, token, 'Phone');
  h.clock.advance(11 * minute);
  const stale = await h.call('POST', '/me/passkeys/registration', { token });
  assert.equal(stale.body.code, 'reauth_required');
  const withPassword = await h.call('POST', '/me/reauth', { token, body: { password } });
  assert.equal(withPassword.body.secondFactor, false);
  assert.equal((await h.call('POST', '/me/passkeys/registration', { token })).body.code, 'reauth_required', 'the password alone is not enough once a factor is linked');

  const reauthOptions = (await h.call('POST', '/me/reauth/passkey', { token })).body;
  const answer = await authenticator.assert(first.credential, { challenge: reauthOptions.challenge });
  assert.equal((await h.call('POST', '/me/reauth', { token, body: { webauthn: answer } })).body.secondFactor, true);
  const options = (await h.call('POST', '/me/passkeys/registration', { token })).body;
  assert.deepEqual(options.excludeCredentials.map((c: { id: string }) => c.id), [first.credential.id]);
  const { response } = await authenticator.register({ challenge: options.challenge });
  const second = await h.call('POST', '/me/passkeys/registration/verify', { token, body: { response } });
  assert.equal(second.status, 200, second.text);
  assert.equal(second.body.name, 'Passkey 2');
  assert.equal(second.body.recoveryCodes, undefined);
  assert.equal((await h.call('GET', '/me', { token })).body.mfa.recoveryCodesLeft, 10);
});

test('registration refuses an answer for another origin, another RP ID, without user verification, or replayed; the challenge is single use and lapses', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const attempt = async (ceremony: { origin?: string; rpId?: string; userVerified?: boolean }) => {
    const options = (await h.call('POST', '/me/passkeys/registration', { token })).body;
    const { response } = await authenticator.register({ challenge: options.challenge, ...ceremony });
    return h.call('POST', '/me/passkeys/registration/verify', { token, body: { response } });
  };
  assert.equal((await attempt({ origin: 'https://portcullis-login.example' })).body.code, 'invalid_code', 'a phishing page');
  assert.equal((await attempt({ rpId: 'example.com' })).body.code, 'invalid_code');
  assert.equal((await attempt({ userVerified: false })).body.code, 'invalid_code', 'a passkey verifies its user');

  const late = (await h.call('POST', '/me/passkeys/registration', { token })).body;
  h.clock.advance(2 * minute);
  const lateAnswer = await authenticator.register({ challenge: late.challenge });
  assert.equal((await h.call('POST', '/me/passkeys/registration/verify', { token, body: { response: lateAnswer.response } })).body.code, 'challenge_expired', 'two minutes to answer');

  const options = (await h.call('POST', '/me/passkeys/registration', { token })).body;
  const { response } = await authenticator.register({ challenge: options.challenge });
  const other = await h.signIn('bob');
  assert.equal((await h.call('POST', '/me/passkeys/registration/verify', { token: other, body: { response } })).body.code, 'challenge_expired', 'bound to the session that asked');
  assert.equal((await h.call('POST', '/me/passkeys/registration/verify', { token, body: { response } })).status, 200);
  assert.equal((await h.call('POST', '/me/passkeys/registration/verify', { token, body: { response } })).body.code, 'challenge_expired', 'single use');

  assert.equal((await h.call('GET', '/me/passkeys', { token })).body.items.length, 1, 'nothing refused was stored');

  const malformed = await h.call('POST', '/me/passkeys/registration/verify', { token, body: { response: { id: 'x', type: 'password' } } });
  assert.equal(malformed.body.code, 'invalid_request');
});

test('a credential registered already (by anyone) is not registered again', async () => {
  const h = await harness();
  const bob = await h.signIn('bob');
  const options = (await h.call('POST', '/me/passkeys/registration', { token: bob })).body;
  const registered = await authenticator.register({ challenge: options.challenge });
  await h.call('POST', '/me/passkeys/registration/verify', { token: bob, body: { response: registered.response } });
  const alice = await h.signIn('alice');
  const aliceOptions = (await h.call('POST', '/me/passkeys/registration', { token: alice })).body;
  // The same credential, presented again by a genuine authenticator over Alice's challenge.
  const again = await authenticator.register({ challenge: aliceOptions.challenge, again: registered.credential });
  const reply = await h.call('POST', '/me/passkeys/registration/verify', { token: alice, body: { response: again.response } });
  assert.equal(reply.body.code, 'conflict', reply.text);
  assert.equal((await h.call('GET', '/me/passkeys', { token: alice })).body.items.length, 0);
});

test('at login a passkey answers the MFA step; the challenge lists the methods the user has', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const { credential } = await registerPasskey(h, token);
  const login = await h.call('POST', '/login', { body: { username: 'bob', password, tokenType: 'bearer' } });
  assert.equal(login.body.status, 'mfa_required');
  assert.deepEqual(login.body.challenge.methods, ['passkey', 'recovery_code']);
  const options = login.body.challenge.passkeyOptions;
  assert.equal(options.rpId, 'localhost');
  assert.equal(options.userVerification, 'required');
  assert.deepEqual(options.allowCredentials.map((c: { id: string }) => c.id), [credential.id]);

  const answer = await authenticator.assert(credential, { challenge: options.challenge });
  const done = await h.call('POST', '/login/mfa', { body: { challengeId: login.body.challenge.id, webauthn: answer } });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.status, 'authenticated');
  const again = await h.call('POST', '/login/mfa', { body: { challengeId: login.body.challenge.id, webauthn: answer } });
  assert.equal(again.body.code, 'challenge_expired', 'the login challenge is single use');
  const [item] = (await h.call('GET', '/me/passkeys', { token: done.body.token })).body.items;
  assert.equal(item.lastUsedAt, new Date(h.clock.now()).toISOString());
  assert.equal((await events(h, 'passkey_used')).length, 1);

  const withApp = await h.withMfa('alice');
  await registerPasskey(h, withApp);
  const both = await h.call('POST', '/login', { body: { username: 'alice', password } });
  assert.deepEqual(both.body.challenge.methods, ['totp', 'passkey', 'recovery_code']);
  assert.ok(both.body.challenge.passkeyOptions);
  const appOnly = await h.withMfa('root-user');
  assert.ok(appOnly);
  const root = await h.call('POST', '/login', { body: { username: 'root-user', password } });
  assert.deepEqual(root.body.challenge.methods, ['totp', 'recovery_code']);
  assert.equal(root.body.challenge.passkeyOptions, undefined);
});

test('the MFA step refuses another user\'s passkey, a cloned one, a phishing origin and a missing user verification, each counted as a wrong code', async () => {
  const h = await harness();
  const bob = await registerPasskey(h, await h.signIn('bob'));
  const alice = await registerPasskey(h, await h.signIn('alice'));
  const login = (await h.call('POST', '/login', { body: { username: 'bob', password } })).body.challenge;
  const answerWith = async (webauthn: unknown) => (await h.call('POST', '/login/mfa', { body: { challengeId: login.id, webauthn } })).body.code;
  const challenge = login.passkeyOptions.challenge;

  assert.equal(await answerWith(await authenticator.assert(alice.credential, { challenge })), 'invalid_code', "Alice's passkey is not Bob's factor");
  assert.equal(await answerWith(await authenticator.assert(bob.credential, { challenge, origin: 'https://acme-portal.example' })), 'invalid_code');
  assert.equal(await answerWith(await authenticator.assert(bob.credential, { challenge, userVerified: false })), 'invalid_code');
  // A copy of Bob's key whose counter lags the original's: a clone (W3C WebAuthn §6.1.1).
  await authenticator.assert(bob.credential, { challenge: 'advance', counter: 7 });
  await h.store.usePasskey((await h.store.listPasskeys(h.users.bob!.id))[0]!.id, 7, h.clock.now());
  assert.equal(await answerWith(await authenticator.assert(bob.credential, { challenge, counter: 5 })), 'invalid_code', 'a counter going backwards');
  assert.equal(await answerWith(await authenticator.assert(bob.credential, { challenge, counter: 7 })), 'challenge_expired', 'a counter standing still; five wrong answers end the challenge');
  assert.equal((await events(h, 'mfa_code_failed')).length, 5);
  assert.equal((await events(h, 'passkey_used')).length, 0);
});

test('a signature counter that does not grow is refused: one answer cannot be used twice even on a fresh challenge', async () => {
  const h = await harness();
  const { credential } = await registerPasskey(h, await h.signIn('bob'));
  const first = (await h.call('POST', '/login', { body: { username: 'bob', password } })).body.challenge;
  assert.equal((await h.call('POST', '/login/mfa', { body: { challengeId: first.id, webauthn: await authenticator.assert(credential, { challenge: first.passkeyOptions.challenge, counter: 3 }) } })).status, 200);
  const second = (await h.call('POST', '/login', { body: { username: 'bob', password } })).body.challenge;
  const same = await authenticator.assert(credential, { challenge: second.passkeyOptions.challenge, counter: 3 });
  assert.equal((await h.call('POST', '/login/mfa', { body: { challengeId: second.id, webauthn: same } })).body.code, 'invalid_code');
  const next = await authenticator.assert(credential, { challenge: second.passkeyOptions.challenge, counter: 4 });
  assert.equal((await h.call('POST', '/login/mfa', { body: { challengeId: second.id, webauthn: next } })).status, 200);
});

test('signing in with a passkey alone is a full multi-factor sign-in; refusals say invalid_credentials and are counted per address', async () => {
  const h = await harness();
  const { credential } = await registerPasskey(h, await h.signIn('bob'));
  const start = await h.call('POST', '/login/passkey');
  assert.equal(start.status, 200, start.text);
  assert.equal(start.headers.get('cache-control'), 'no-store');
  assert.equal(start.body.options.allowCredentials, undefined, 'the authenticator offers its discoverable passkeys');
  assert.equal(start.body.options.userVerification, 'required');

  const answer = await authenticator.assert(credential, { challenge: start.body.options.challenge });
  const signedIn = await h.call('POST', '/login/passkey/verify', { body: { challengeId: start.body.challengeId, response: answer, tokenType: 'bearer' } });
  assert.equal(signedIn.status, 200, signedIn.text);
  const me = (await h.call('GET', '/me', { token: signedIn.body.token })).body;
  assert.equal(me.username, 'bob');
  assert.equal(me.session.reauthSecondFactor, true, 'a verified passkey is both factors');
  assert.equal((await h.call('PUT', '/me/mfa', { token: signedIn.body.token, body: { enabled: false } })).status, 200, 'sensitive changes are open to it');

  const replay = await h.call('POST', '/login/passkey/verify', { body: { challengeId: start.body.challengeId, response: answer } });
  assert.equal(replay.body.code, 'challenge_expired', 'single use');
  assert.equal((await signInWithPasskey(h, credential)).body.code, 'invalid_credentials', 'a passkey removed with MFA signs in no more');
  const unknown = await authenticator.register({ challenge: 'never-registered' });
  assert.equal((await signInWithPasskey(h, unknown.credential)).body.code, 'invalid_credentials');
  const forged = await h.call('POST', '/login/passkey/verify', { body: { challengeId: 'not-issued', response: await authenticator.assert(credential, { challenge: 'x' }) } });
  assert.equal(forged.body.code, 'challenge_expired');
});

test('a passkey sign-in refuses a phishing origin, a missing user verification and a clone', async () => {
  const h = await harness();
  const { credential } = await registerPasskey(h, await h.signIn('bob'));
  const attempt = async (ceremony: { origin?: string; userVerified?: boolean; counter?: number }) => {
    const start = (await h.call('POST', '/login/passkey')).body;
    const response = await authenticator.assert(credential, { challenge: start.options.challenge, ...ceremony });
    return (await h.call('POST', '/login/passkey/verify', { body: { challengeId: start.challengeId, response } })).body;
  };
  assert.equal((await attempt({ origin: 'http://localhost.evil.example' })).code, 'invalid_credentials');
  assert.equal((await attempt({ userVerified: false })).code, 'invalid_credentials', 'without user verification a passkey is one factor only');
  assert.equal((await attempt({ counter: 10 })).status, 'authenticated');
  assert.equal((await attempt({ counter: 9 })).code, 'invalid_credentials', 'a clone, its counter behind');
  assert.equal((await attempt({ counter: 11 })).status, 'authenticated');
});

test('passkey sign-in attempts are counted per client address like passwords', async () => {
  const h = await harness();
  const { credential } = await registerPasskey(h, await h.signIn('bob'));
  const headers = { 'x-test-address': '203.0.113.9' };
  let last;
  for (let i = 0; i < 31; i++) {
    const start = (await h.call('POST', '/login/passkey', { headers })).body;
    const response = await authenticator.assert(credential, { challenge: start.options.challenge, userVerified: false });
    last = await h.call('POST', '/login/passkey/verify', { headers, body: { challengeId: start.challengeId, response } });
  }
  assert.equal(last!.body.code, 'rate_limited');
  assert.ok(Number(last!.headers.get('retry-after')) > 0);
});

test('re-authentication with a passkey proves both factors; a wrong one is refused and logged', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  assert.equal((await h.call('POST', '/me/reauth/passkey', { token })).body.code, 'conflict', 'no passkey yet');
  const { credential } = await registerPasskey(h, token);
  const alice = await registerPasskey(h, await h.signIn('alice'));
  h.clock.advance(11 * minute);
  const options = (await h.call('POST', '/me/reauth/passkey', { token })).body;
  assert.deepEqual(options.allowCredentials.map((c: { id: string }) => c.id), [credential.id]);
  const wrong = await h.call('POST', '/me/reauth', { token, body: { webauthn: await authenticator.assert(alice.credential, { challenge: options.challenge }) } });
  assert.equal(wrong.body.code, 'invalid_code');
  assert.equal((await events(h, 'reauth_failed')).length, 1);
  const used = await h.call('POST', '/me/reauth', { token, body: { webauthn: await authenticator.assert(credential, { challenge: options.challenge }) } });
  assert.equal(used.body.code, 'challenge_expired', 'the refused answer used the challenge up');
  const fresh = (await h.call('POST', '/me/reauth/passkey', { token })).body;
  const ok = await h.call('POST', '/me/reauth', { token, body: { webauthn: await authenticator.assert(credential, { challenge: fresh.challenge }) } });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual([ok.body.secondFactor, ok.body.reauthUntil], [true, new Date(h.clock.now() + 10 * minute).toISOString()]);
});

test("renaming: one line, one's own passkeys only", async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const { reply } = await registerPasskey(h, token, 'Phone');
  const renamed = await h.call('PATCH', `/me/passkeys/${reply.body.id}`, { token, body: { name: 'Old phone' } });
  assert.equal(renamed.status, 200, renamed.text);
  assert.equal(renamed.body.name, 'Old phone');
  assert.equal((await h.call('PATCH', `/me/passkeys/${reply.body.id}`, { token, body: { name: 'two\nlines' } })).body.code, 'invalid_request');
  assert.equal((await h.call('PATCH', `/me/passkeys/${reply.body.id}`, { token, body: { name: 'x'.repeat(65) } })).body.code, 'invalid_request');
  const alice = await h.signIn('alice');
  assert.equal((await h.call('PATCH', `/me/passkeys/${reply.body.id}`, { token: alice, body: { name: 'Mine now' } })).body.code, 'not_found');
  assert.equal((await h.call('DELETE', `/me/passkeys/${reply.body.id}`, { token: alice })).body.code, 'not_found');
  assert.equal((await h.call('GET', '/me/passkeys', { token })).body.items[0].name, 'Old phone');
});

test('removing a passkey is sensitive; removing the last factor turns MFA off, and is refused under enforcement or with a short password', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const phone = await registerPasskey(h, token, 'Phone');
  const key = await registerPasskey(h, token, 'Key');
  h.clock.advance(11 * minute);
  assert.equal((await h.call('DELETE', `/me/passkeys/${phone.reply.body.id}`, { token })).body.code, 'reauth_required');

  const root = await h.withMfa('root-user');
  await h.call('PUT', '/org/policy', { token: root, body: { enforceMfa: true } });
  const login = (await h.call('POST', '/login', { body: { username: 'bob', password, tokenType: 'bearer' } })).body;
  assert.equal(login.status, 'mfa_required', 'a passkey-only user counts as enrolled under enforcement');
  const answer = await authenticator.assert(key.credential, { challenge: login.challenge.passkeyOptions.challenge });
  const fresh = (await h.call('POST', '/login/mfa', { body: { challengeId: login.challenge.id, webauthn: answer } })).body.token;
  const subusers = (await h.call('GET', '/org/users', { token: root })).body.items;
  assert.equal(subusers.find((u: { username: string }) => u.username === 'bob').mfa.configured, true);

  assert.equal((await h.call('DELETE', `/me/passkeys/${phone.reply.body.id}`, { token: fresh })).status, 204, 'one of two may go under enforcement');
  assert.equal((await h.call('DELETE', `/me/passkeys/${key.reply.body.id}`, { token: fresh })).body.code, 'mfa_enforced');
  await h.call('PUT', '/org/policy', { token: root, body: { enforceMfa: false } });

  // Without enforcement the last one goes, and MFA with it, as with the switch.
  const removed = await h.call('DELETE', `/me/passkeys/${key.reply.body.id}`, { token: fresh });
  assert.equal(removed.status, 204, removed.text);
  const after = (await h.call('GET', '/me', { token: fresh })).body;
  assert.deepEqual([after.mfa.enabled, after.mfa.configured, after.mfa.recoveryCodesLeft], [false, false, 0]);
  assert.equal((await events(h, 'passkey_removed')).length, 2);
  assert.equal((await events(h, 'mfa_disabled')).length, 1);
  assert.equal((await h.call('POST', '/login', { body: { username: 'bob', password } })).body.status, 'authenticated');
  assert.equal((await signInWithPasskey(h, key.credential)).body.code, 'invalid_credentials');
});

test('a passkey-only user who lost the passkey confirms with the password and a recovery code; a self reset has no app to unlink', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const { reply } = await registerPasskey(h, token);
  h.clock.advance(11 * minute);
  const confirmed = await h.call('POST', '/me/reauth', { token, body: { password, code: reply.body.recoveryCodes[0] } });
  assert.deepEqual([confirmed.status, confirmed.body.secondFactor], [200, true], confirmed.text);
  const reset = await h.call('POST', '/me/mfa/reset', { token });
  assert.equal(reset.body.code, 'conflict');
  assert.equal((await h.call('GET', '/me', { token })).body.mfa.recoveryCodesLeft, 9, 'the codes stay');
  assert.equal((await h.call('DELETE', `/me/passkeys/${reply.body.id}`, { token })).status, 204, 'the lost passkey goes');
});

test('the last passkey stays while the password could not stand alone', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const { reply } = await registerPasskey(h, token);
  const short = 'only twelve!';
  assert.equal((await h.call('POST', '/me/password', { token, body: { currentPassword: password, newPassword: short } })).status, 204);
  const refused = await h.call('DELETE', `/me/passkeys/${reply.body.id}`, { token });
  assert.equal(refused.body.code, 'password_policy');
  assert.equal((await h.call('GET', '/me/passkeys', { token })).body.items.length, 1);
});

test('turning MFA off, a root\'s reset and a self reset: what becomes of the passkeys', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  const bob = await h.signIn('bob');
  const bobKey = await registerPasskey(h, bob);
  const reset = await h.call('POST', `/org/users/${h.users.bob!.id}/mfa/reset`, { token: root });
  assert.equal(reset.status, 200, reset.text);
  assert.equal((await h.store.listPasskeys(h.users.bob!.id)).length, 0, "a root's reset removes the subuser's passkeys");
  assert.equal((await signInWithPasskey(h, bobKey.credential)).body.code, 'invalid_credentials');

  const alice = await h.withMfa('alice');
  const aliceKey = await registerPasskey(h, alice);
  await h.call('POST', '/me/reauth', { token: alice, body: { password, code: await h.nextCode('alice') } });
  assert.equal((await h.call('POST', '/me/mfa/reset', { token: alice })).status, 200);
  assert.equal((await h.store.listPasskeys(h.users.alice!.id)).length, 1, 'a self reset unlinks the app and keeps the passkeys');
  const login = (await h.call('POST', '/login', { body: { username: 'alice', password } })).body;
  assert.deepEqual([login.status, login.challenge.methods], ['mfa_required', ['passkey']], 'the passkey still answers; the app and its codes are gone');
  const options = (await h.call('POST', '/me/reauth/passkey', { token: alice })).body;
  await h.call('POST', '/me/reauth', { token: alice, body: { webauthn: await authenticator.assert(aliceKey.credential, { challenge: options.challenge }) } });
  assert.equal((await h.call('PUT', '/me/mfa', { token: alice, body: { enabled: false } })).status, 200);
  assert.equal((await h.store.listPasskeys(h.users.alice!.id)).length, 0, 'MFA off removes every factor');
});

test('under enforcement, the enrollment at login may be answered with a new passkey instead of the app', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  await h.call('PUT', '/org/policy', { token: root, body: { enforceMfa: true } });
  const login = (await h.call('POST', '/login', { body: { username: 'bob', password, tokenType: 'bearer' } })).body;
  assert.equal(login.status, 'mfa_setup_required');
  assert.equal(login.passkeyOptions.authenticatorSelection.userVerification, 'required');
  const wrong = await authenticator.register({ challenge: login.passkeyOptions.challenge, origin: 'https://evil.example' });
  assert.equal((await h.call('POST', '/login/mfa', { body: { challengeId: login.challenge.id, webauthn: wrong.response } })).body.code, 'invalid_code');
  const { credential, response } = await authenticator.register({ challenge: login.passkeyOptions.challenge });
  const done = await h.call('POST', '/login/mfa', { body: { challengeId: login.challenge.id, webauthn: response } });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.recoveryCodes.length, 10);
  const me = (await h.call('GET', '/me', { token: done.body.token })).body;
  assert.deepEqual([me.mfa.enabled, me.mfa.configured], [true, true]);
  assert.equal((await h.call('POST', '/login/mfa', { body: { challengeId: login.challenge.id, webauthn: response } })).body.code, 'challenge_expired');
  assert.equal((await signInWithPasskey(h, credential)).status, 200);
});

test('offering a passkey sign-in stores nothing; the answer spends the signed ticket once; a changed ticket is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-passkey-login-'));
  const h = await harness({ store: createSqliteStore(join(dir, 'p.db')) });
  const { credential } = await registerPasskey(h, await h.signIn('bob'));
  const ceremonies = () => (new Database(join(dir, 'p.db'), { readonly: true }).prepare("SELECT count(*) AS n FROM webauthn_challenges WHERE purpose = 'login'").get() as { n: number }).n;
  const starts = await Promise.all(Array.from({ length: 50 }, () => h.call('POST', '/login/passkey')));
  assert.ok(starts.every((s) => s.status === 200));
  assert.equal(ceremonies(), 0, 'every sign-in form offers passkeys: none of that is written down');

  const [start] = starts;
  const { challengeId, options } = start!.body;
  const [expiresAt, nonce] = challengeId.split('.');
  assert.equal(Number(expiresAt), h.clock.now() + 2 * minute);
  const later = `${Number(expiresAt) + 60 * minute}.${challengeId.slice(expiresAt.length + 1)}`;
  const response = await authenticator.assert(credential, { challenge: options.challenge });
  for (const forged of [later, `${expiresAt}.${nonce}.${'0'.repeat(64)}`, challengeId.toUpperCase()]) {
    assert.equal((await h.call('POST', '/login/passkey/verify', { body: { challengeId: forged, response } })).body.code, 'challenge_expired', forged);
  }
  assert.equal((await h.call('POST', '/login/passkey/verify', { body: { challengeId, response } })).status, 200);
  assert.equal(ceremonies(), 1, 'the answered ticket, kept until it would have expired');
  assert.equal((await h.call('POST', '/login/passkey/verify', { body: { challengeId, response } })).body.code, 'challenge_expired');
  await h.store.close();
});
