import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { totpCode } from '../../crypto/totp.ts';
import { minute } from '../../deps.ts';
import { harness, password } from '../../../test/support/harness.ts';

test('a login counts as recent for 10 minutes, then sensitive changes need re-authentication', async () => {
  const h = await harness();
  const token = await h.signIn('root-user');
  h.clock.advance(10 * minute - 1000);
  assert.equal((await h.request(endpoints.setOrgPolicy, { token, body: { enforceMfa: false } })).status, 200);
  h.clock.advance(1000);
  const reply = await h.request(endpoints.setOrgPolicy, { token, body: { enforceMfa: false } });
  assert.equal(reply.status, 403);
  assert.equal(reply.body.code, 'reauth_required');
  const reauth = await h.request(endpoints.reauthenticate, { token, body: { password } });
  assert.equal(reauth.status, 200);
  assert.equal(Date.parse(reauth.body.reauthUntil), h.clock.now() + 10 * minute);
  assert.equal((await h.request(endpoints.setOrgPolicy, { token, body: { enforceMfa: false } })).status, 200);
});

test('the re-authentication window is a setting', async () => {
  const h = await harness({ settings: { reauthWindowMs: 5000 } });
  const token = await h.signIn('root-user');
  h.clock.advance(5000);
  assert.equal(
    (await h.request(endpoints.setOrgPolicy, { token, body: { enforceMfa: true } })).body.code,
    'reauth_required',
  );
});

test('a login that passed MFA counts as both factors; a password-only reauth does not (Keycloak CVE-2026-3429)', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  const me = await h.request(endpoints.me, { token });
  assert.equal(me.body.session.reauthSecondFactor, true);
  h.clock.advance(11 * minute);
  assert.equal((await h.request(endpoints.me, { token })).body.session.reauthUntil, null);
  const passwordOnly = await h.request(endpoints.reauthenticate, { token, body: { password } });
  assert.equal(passwordOnly.body.secondFactor, false);
  const refused = await h.request(endpoints.setMfaEnabled, { token, body: { enabled: false } });
  assert.equal(refused.body.code, 'reauth_required');
  const both = await h.request(endpoints.reauthenticate, {
    token,
    body: { password, code: await h.nextCode('alice') },
  });
  assert.equal(both.body.secondFactor, true);
  assert.equal((await h.request(endpoints.setMfaEnabled, { token, body: { enabled: false } })).status, 200);
});

test('a stolen cookie alone cannot disable MFA: reauth needs the password and the code', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  h.clock.advance(11 * minute);
  const wrongPassword = await h.request(endpoints.reauthenticate, {
    token,
    body: { password: 'guessing at random here', code: await h.nextCode('alice') },
  });
  assert.equal(wrongPassword.body.code, 'invalid_credentials');
  const wrongCode = await h.request(endpoints.reauthenticate, { token, body: { password, code: '000000' } });
  assert.equal(wrongCode.body.code, 'invalid_code');
  assert.equal(
    (await h.request(endpoints.setMfaEnabled, { token, body: { enabled: false } })).body.code,
    'reauth_required',
  );
});

test('wrong passwords at re-authentication are throttled under the session, apart from anonymous logins', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++)
    statuses.push((await h.request(endpoints.reauthenticate, { token, body: { password: 'not it, not it' } })).status);
  assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
  assert.equal(
    (
      await h.request(endpoints.changePassword, {
        token,
        body: { currentPassword: password, newPassword: 'another long passphrase' },
      })
    ).status,
    429,
    'the password change shares the session counter',
  );
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'alice', password } })).status,
    200,
    'sign-in is not blocked by a session guessing',
  );
});

test('strangers who know the username cannot lock a signed-in user out of re-authentication or password change', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  for (let i = 0; i < 8; i++)
    await h.request(endpoints.login, { body: { username: 'alice', password: 'a wrong guess at it' } });
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'alice', password } })).status,
    429,
    'anonymous sign-in is paced',
  );
  assert.equal((await h.request(endpoints.reauthenticate, { token, body: { password } })).status, 200);
  assert.equal(
    (
      await h.request(endpoints.changePassword, {
        token,
        body: { currentPassword: password, newPassword: 'another long passphrase' },
      })
    ).status,
    204,
  );
});

test('reauth_required names the fields needed: a code wherever an authenticator is linked', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  h.clock.advance(11 * minute);
  const disable = await h.request(endpoints.setMfaEnabled, { token, body: { enabled: false } });
  assert.deepEqual(
    disable.body.errors.map((e: { path: string }) => e.path),
    ['password', 'code'],
  );
  const reset = await h.request(endpoints.resetMfa, { token });
  assert.deepEqual(
    reset.body.errors.map((e: { path: string }) => e.path),
    ['password', 'code'],
    'the lost-device path takes a recovery code',
  );
  const plain = await h.signIn('bob');
  h.clock.advance(11 * minute);
  const withoutMfa = await h.request(endpoints.createUser, {
    token: await h.signIn('root-user'),
    body: { username: 'carol', password },
  });
  assert.equal(withoutMfa.status, 201, 'within the window of a fresh login');
  h.clock.advance(11 * minute);
  const stale = await h.request(endpoints.resetMfa, { token: plain });
  assert.deepEqual(
    stale.body.errors.map((e: { path: string }) => e.path),
    ['password'],
    'no authenticator, no MFA: the password',
  );
});

test('A7: code guesses at re-authentication count on the account, so a stolen session and the password buy no guesses past the sign-in lock', async () => {
  const h = await harness();
  const stolen = await h.withMfa('alice');
  // The attacker, with the password, spends the account's free code guesses at sign-in.
  for (let i = 0; i < 5; i++) {
    const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
    await h.request(endpoints.completeMfa, { body: { challengeId: login.body.challenge.id, code: '000000' } });
  }
  const guess = await h.request(endpoints.reauthenticate, { token: stolen, body: { password, code: '111111' } });
  assert.equal(guess.status, 429, 'the account must wait: no fresh budget inside the session');
  assert.equal(guess.body.code, 'rate_limited');

  // And the other way round: wrong codes at re-authentication are counted against sign-in's code step.
  const other = await harness();
  const session = await other.withMfa('bob');
  for (let i = 0; i < 5; i++)
    await other.request(endpoints.reauthenticate, { token: session, body: { password, code: '222222' } });
  const login = await other.request(endpoints.login, { body: { username: 'bob', password } });
  const step = await other.request(endpoints.completeMfa, {
    body: { challengeId: login.body.challenge.id, code: await totpCode(other.secrets.get('bob')!, other.clock.now()) },
  });
  assert.equal(step.status, 429, step.text);
});
