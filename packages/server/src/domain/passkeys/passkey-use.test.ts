import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { minute } from '../../deps.ts';
import { harness, password, type Harness } from '../../../test/support/harness.ts';
import { authenticator, registerPasskey, signInWithPasskey } from '../../../test/support/passkeys.ts';

const events = async (h: Harness, type: string) =>
  (await h.store.listEvents(h.orgId, null, 500)).filter((e) => e.type === type);

test('at login a passkey answers the MFA step; the challenge lists the methods the user has', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  const { credential } = await registerPasskey(h, token);
  const login = await h.request(endpoints.login, { body: { username: 'bob', password, tokenType: 'bearer' } });
  assert.equal(login.body.status, 'mfa_required');
  assert.deepEqual(login.body.challenge.methods, ['passkey', 'recovery_code']);
  const options = login.body.challenge.passkeyOptions;
  assert.equal(options.rpId, 'localhost');
  assert.equal(options.userVerification, 'required');
  assert.deepEqual(
    options.allowCredentials.map((c: { id: string }) => c.id),
    [credential.id],
  );

  const answer = await authenticator.assert(credential, { challenge: options.challenge });
  const done = await h.request(endpoints.completeMfa, {
    body: { challengeId: login.body.challenge.id, webauthn: answer },
  });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.status, 'authenticated');
  const again = await h.request(endpoints.completeMfa, {
    body: { challengeId: login.body.challenge.id, webauthn: answer },
  });
  assert.equal(again.body.code, 'challenge_expired', 'the login challenge is single use');
  const [item] = (await h.request(endpoints.passkeys, { token: done.body.token })).body.items;
  assert.equal(item?.lastUsedAt, new Date(h.clock.now()).toISOString());
  assert.equal((await events(h, 'passkey_used')).length, 1);

  const withApp = await h.withMfa('alice');
  await registerPasskey(h, withApp);
  const both = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.deepEqual(both.body.challenge.methods, ['totp', 'passkey', 'recovery_code']);
  assert.ok(both.body.challenge.passkeyOptions);
  const appOnly = await h.withMfa('root-user');
  assert.ok(appOnly);
  const root = await h.request(endpoints.login, { body: { username: 'root-user', password } });
  assert.deepEqual(root.body.challenge.methods, ['totp', 'recovery_code']);
  assert.equal(root.body.challenge.passkeyOptions, undefined);
});

test("the MFA step refuses another user's passkey, a cloned one, a phishing origin and a missing user verification, each counted as a wrong code", async () => {
  const h = await harness();
  const bob = await registerPasskey(h, await h.signIn('bob'));
  const alice = await registerPasskey(h, await h.signIn('alice'));
  const login = (await h.request(endpoints.login, { body: { username: 'bob', password } })).body.challenge;
  const answerWith = async (webauthn: unknown) =>
    (await h.request(endpoints.completeMfa, { body: { challengeId: login.id, webauthn } })).body.code;
  const challenge = login.passkeyOptions.challenge;

  assert.equal(
    await answerWith(await authenticator.assert(alice.credential, { challenge })),
    'invalid_code',
    "Alice's passkey is not Bob's factor",
  );
  assert.equal(
    await answerWith(await authenticator.assert(bob.credential, { challenge, origin: 'https://acme-portal.example' })),
    'invalid_code',
  );
  assert.equal(
    await answerWith(await authenticator.assert(bob.credential, { challenge, userVerified: false })),
    'invalid_code',
  );
  // A copy of Bob's key whose counter lags the original's: a clone (W3C WebAuthn §6.1.1).
  await authenticator.assert(bob.credential, { challenge: 'advance', counter: 7 });
  await h.store.usePasskey((await h.store.listPasskeys(h.users.bob!.id))[0]!.id, 7, h.clock.now());
  assert.equal(
    await answerWith(await authenticator.assert(bob.credential, { challenge, counter: 5 })),
    'invalid_code',
    'a counter going backwards',
  );
  assert.equal(
    await answerWith(await authenticator.assert(bob.credential, { challenge, counter: 7 })),
    'challenge_expired',
    'a counter standing still; five wrong answers end the challenge',
  );
  assert.equal((await events(h, 'mfa_code_failed')).length, 5);
  assert.equal((await events(h, 'passkey_used')).length, 0);
});

test('a signature counter that does not grow is refused: one answer cannot be used twice even on a fresh challenge', async () => {
  const h = await harness();
  const { credential } = await registerPasskey(h, await h.signIn('bob'));
  const first = (await h.request(endpoints.login, { body: { username: 'bob', password } })).body.challenge;
  assert.equal(
    (
      await h.request(endpoints.completeMfa, {
        body: {
          challengeId: first.id,
          webauthn: await authenticator.assert(credential, { challenge: first.passkeyOptions.challenge, counter: 3 }),
        },
      })
    ).status,
    200,
  );
  const second = (await h.request(endpoints.login, { body: { username: 'bob', password } })).body.challenge;
  const same = await authenticator.assert(credential, { challenge: second.passkeyOptions.challenge, counter: 3 });
  assert.equal(
    (await h.request(endpoints.completeMfa, { body: { challengeId: second.id, webauthn: same } })).body.code,
    'invalid_code',
  );
  const next = await authenticator.assert(credential, { challenge: second.passkeyOptions.challenge, counter: 4 });
  assert.equal(
    (await h.request(endpoints.completeMfa, { body: { challengeId: second.id, webauthn: next } })).status,
    200,
  );
});

test('signing in with a passkey alone is a full multi-factor sign-in; refusals say invalid_credentials and are counted per address', async () => {
  const h = await harness();
  const { credential } = await registerPasskey(h, await h.signIn('bob'));
  const start = await h.request(endpoints.startPasskeyLogin);
  assert.equal(start.status, 200, start.text);
  assert.equal(start.headers.get('cache-control'), 'no-store');
  assert.equal(start.body.options.allowCredentials, undefined, 'the authenticator offers its discoverable passkeys');
  assert.equal(start.body.options.userVerification, 'required');

  const answer = await authenticator.assert(credential, { challenge: start.body.options.challenge });
  const signedIn = await h.request(endpoints.finishPasskeyLogin, {
    body: { challengeId: start.body.challengeId, response: answer, tokenType: 'bearer' },
  });
  assert.equal(signedIn.status, 200, signedIn.text);
  const me = (await h.request(endpoints.me, { token: signedIn.body.token })).body;
  assert.equal(me.username, 'bob');
  assert.equal(me.session.reauthSecondFactor, true, 'a verified passkey is both factors');
  assert.equal(
    (await h.request(endpoints.setMfaEnabled, { token: signedIn.body.token, body: { enabled: false } })).status,
    200,
    'sensitive changes are open to it',
  );

  const replay = await h.request(endpoints.finishPasskeyLogin, {
    body: { challengeId: start.body.challengeId, response: answer },
  });
  assert.equal(replay.body.code, 'challenge_expired', 'single use');
  assert.equal(
    (await signInWithPasskey(h, credential)).body.code,
    'invalid_credentials',
    'a passkey removed with MFA signs in no more',
  );
  const unknown = await authenticator.register({ challenge: 'never-registered' });
  assert.equal((await signInWithPasskey(h, unknown.credential)).body.code, 'invalid_credentials');
  const forged = await h.request(endpoints.finishPasskeyLogin, {
    body: { challengeId: 'not-issued', response: await authenticator.assert(credential, { challenge: 'x' }) },
  });
  assert.equal(forged.body.code, 'challenge_expired');
});

test('a passkey sign-in refuses a phishing origin, a missing user verification and a clone', async () => {
  const h = await harness();
  const { credential } = await registerPasskey(h, await h.signIn('bob'));
  const attempt = async (ceremony: { origin?: string; userVerified?: boolean; counter?: number }) => {
    const start = (await h.request(endpoints.startPasskeyLogin)).body;
    const response = await authenticator.assert(credential, { challenge: start.options.challenge, ...ceremony });
    return (await h.request(endpoints.finishPasskeyLogin, { body: { challengeId: start.challengeId, response } })).body;
  };
  assert.equal((await attempt({ origin: 'http://localhost.evil.example' })).code, 'invalid_credentials');
  assert.equal(
    (await attempt({ userVerified: false })).code,
    'invalid_credentials',
    'without user verification a passkey is one factor only',
  );
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
    const start = (await h.request(endpoints.startPasskeyLogin, { headers })).body;
    const response = await authenticator.assert(credential, {
      challenge: start.options.challenge,
      userVerified: false,
    });
    last = await h.request(endpoints.finishPasskeyLogin, {
      headers,
      body: { challengeId: start.challengeId, response },
    });
  }
  assert.equal(last!.body.code, 'rate_limited');
  assert.ok(Number(last!.headers.get('retry-after')) > 0);
});

test('re-authentication with a passkey proves both factors; a wrong one is refused and logged', async () => {
  const h = await harness();
  const token = await h.signIn('bob');
  assert.equal((await h.request(endpoints.startPasskeyReauth, { token })).body.code, 'conflict', 'no passkey yet');
  const { credential } = await registerPasskey(h, token);
  const alice = await registerPasskey(h, await h.signIn('alice'));
  h.clock.advance(11 * minute);
  const options = (await h.request(endpoints.startPasskeyReauth, { token })).body;
  assert.deepEqual(
    options.allowCredentials.map((c: { id: string }) => c.id),
    [credential.id],
  );
  const wrong = await h.request(endpoints.reauthenticate, {
    token,
    body: { webauthn: await authenticator.assert(alice.credential, { challenge: options.challenge }) },
  });
  assert.equal(wrong.body.code, 'invalid_code');
  assert.equal((await events(h, 'reauth_failed')).length, 1);
  const used = await h.request(endpoints.reauthenticate, {
    token,
    body: { webauthn: await authenticator.assert(credential, { challenge: options.challenge }) },
  });
  assert.equal(used.body.code, 'challenge_expired', 'the refused answer used the challenge up');
  const fresh = (await h.request(endpoints.startPasskeyReauth, { token })).body;
  const ok = await h.request(endpoints.reauthenticate, {
    token,
    body: { webauthn: await authenticator.assert(credential, { challenge: fresh.challenge }) },
  });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(
    [ok.body.secondFactor, ok.body.reauthUntil],
    [true, new Date(h.clock.now() + 10 * minute).toISOString()],
  );
});

test('under enforcement, the enrollment at login may be answered with a new passkey instead of the app', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } });
  const login = (await h.request(endpoints.login, { body: { username: 'bob', password, tokenType: 'bearer' } })).body;
  assert.equal(login.status, 'mfa_setup_required');
  assert.equal(login.passkeyOptions.authenticatorSelection.userVerification, 'required');
  const wrong = await authenticator.register({
    challenge: login.passkeyOptions.challenge,
    origin: 'https://evil.example',
  });
  assert.equal(
    (await h.request(endpoints.completeMfa, { body: { challengeId: login.challenge.id, webauthn: wrong.response } }))
      .body.code,
    'invalid_code',
  );
  const { credential, response } = await authenticator.register({ challenge: login.passkeyOptions.challenge });
  const done = await h.request(endpoints.completeMfa, {
    body: { challengeId: login.challenge.id, webauthn: response },
  });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.recoveryCodes.length, 10);
  const me = (await h.request(endpoints.me, { token: done.body.token })).body;
  assert.deepEqual([me.mfa.enabled, me.mfa.configured], [true, true]);
  assert.equal(
    (await h.request(endpoints.completeMfa, { body: { challengeId: login.challenge.id, webauthn: response } })).body
      .code,
    'challenge_expired',
  );
  assert.equal((await signInWithPasskey(h, credential)).status, 200);
});

test('offering a passkey sign-in stores nothing; the answer spends the signed ticket once; a changed ticket is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-passkey-login-'));
  const h = await harness({ store: createSqliteStore(join(dir, 'p.db')) });
  const { credential } = await registerPasskey(h, await h.signIn('bob'));
  const ceremonies = () =>
    (
      new Database(join(dir, 'p.db'), { readonly: true })
        .prepare("SELECT count(*) AS n FROM webauthn_challenges WHERE purpose = 'login'")
        .get() as { n: number }
    ).n;
  const starts = await Promise.all(Array.from({ length: 50 }, () => h.request(endpoints.startPasskeyLogin)));
  assert.ok(starts.every((s) => s.status === 200));
  assert.equal(ceremonies(), 0, 'every sign-in form offers passkeys: none of that is written down');

  const [start] = starts;
  const { challengeId, options } = start!.body;
  const [expiresAt, nonce] = challengeId.split('.');
  assert.equal(Number(expiresAt), h.clock.now() + 2 * minute);
  const later = `${Number(expiresAt) + 60 * minute}.${challengeId.slice(expiresAt!.length + 1)}`;
  const response = await authenticator.assert(credential, { challenge: options.challenge });
  for (const forged of [later, `${expiresAt}.${nonce}.${'0'.repeat(64)}`, challengeId.toUpperCase()]) {
    assert.equal(
      (await h.request(endpoints.finishPasskeyLogin, { body: { challengeId: forged, response } })).body.code,
      'challenge_expired',
      forged,
    );
  }
  assert.equal((await h.request(endpoints.finishPasskeyLogin, { body: { challengeId, response } })).status, 200);
  assert.equal(ceremonies(), 1, 'the answered ticket, kept until it would have expired');
  assert.equal(
    (await h.request(endpoints.finishPasskeyLogin, { body: { challengeId, response } })).body.code,
    'challenge_expired',
  );
  await h.store.close();
});
