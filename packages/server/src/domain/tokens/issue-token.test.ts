import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { totpCode } from '../../crypto/totp.ts';
import { minute } from '../../deps.ts';
import { harness, password } from '../../../test/support/harness.ts';
import { registerPasskey, signInWithPasskey } from '../../../test/support/passkeys.ts';
import { tokenFor, verifierFor } from '../../../test/support/tokens.ts';

const seconds = (ms: number) => Math.floor(ms / 1000);

test('a token names the user, the organization, the role, how and when they signed in, and the session by its public id', async () => {
  const h = await harness();
  const signedInAt = h.clock.now();
  const session = await h.signIn('alice');
  h.clock.advance(2000);
  const reply = await h.request(endpoints.issueToken, { token: session });
  assert.equal(reply.status, 200);
  assert.equal(reply.headers.get('cache-control'), 'no-store');
  const { token, expiresAt } = reply.body;
  const claims = await verifierFor(h).verify(token);
  const now = seconds(h.clock.now());
  const sid = (await h.request(endpoints.sessions, { token: session })).body.items.find((s) => s.current)!.id;
  assert.deepEqual(
    { ...claims, jti: typeof claims.jti },
    {
      iss: 'http://localhost',
      aud: 'http://localhost',
      sub: h.users.alice!.id,
      org: h.orgId,
      role: 'subuser',
      username: 'alice',
      amr: ['pwd'],
      auth_time: seconds(signedInAt),
      sid,
      iat: now,
      nbf: now,
      exp: now + 300,
      jti: 'string',
    },
  );
  assert.equal(expiresAt, new Date((now + 300) * 1000).toISOString());
  assert.deepEqual(Object.keys(decodeProtectedHeader(token)).sort(), ['alg', 'kid', 'typ']);
  assert.equal(decodeProtectedHeader(token).alg, 'EdDSA');
  assert.equal(decodeProtectedHeader(token).typ, 'JWT');
  assert.ok(!JSON.stringify(decodeJwt(token)).includes(session), 'never the session secret');
  assert.notEqual(decodeJwt(await tokenFor(h, session)).jti, claims.jti, 'each token its own id');
});

test('amr and auth_time follow the sign-in and the last re-authentication: a code, a passkey, a password', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  const verifier = verifierFor(h);
  assert.deepEqual((await verifier.verify(await tokenFor(h, root))).amr, ['pwd', 'otp', 'mfa']);
  assert.equal((await verifier.verify(await tokenFor(h, root))).role, 'root');

  h.clock.advance(20 * minute);
  const reauth = await h.request(endpoints.reauthenticate, {
    token: root,
    body: { password, code: await h.nextCode('root-user') },
  });
  assert.equal(reauth.status, 200);
  const after = await verifier.verify(await tokenFor(h, root));
  assert.equal(after.auth_time, seconds(h.clock.now()), 'the re-authentication is the last full sign-in');
  assert.deepEqual(after.amr, ['pwd', 'otp', 'mfa']);

  const alice = await h.signIn('alice');
  const { credential } = await registerPasskey(h, alice);
  const byPasskey = await signInWithPasskey(h, credential);
  assert.equal(byPasskey.status, 200);
  assert.deepEqual((await verifier.verify(await tokenFor(h, byPasskey.body.token))).amr, ['swk', 'mfa']);
});

test('a session that links its first factor in place says so: "Set up now" adds otp and mfa, a first passkey swk and mfa', async () => {
  const h = await harness();
  const verifier = verifierFor(h);
  const bob = await h.signIn('bob');
  assert.deepEqual((await verifier.verify(await tokenFor(h, bob))).amr, ['pwd']);
  await h.request(endpoints.setMfaEnabled, { token: bob, body: { enabled: true } });
  const started = await h.request(endpoints.startEnrollment, { token: bob });
  const confirmed = await h.request(endpoints.confirmEnrollment, {
    token: bob,
    body: { code: await totpCode(started.body.secret, h.clock.now()) },
  });
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.deepEqual((await verifier.verify(await tokenFor(h, bob))).amr, ['pwd', 'otp', 'mfa']);

  const alice = await h.signIn('alice');
  assert.equal((await registerPasskey(h, alice)).reply.status, 200);
  assert.deepEqual((await verifier.verify(await tokenFor(h, alice))).amr, ['pwd', 'swk', 'mfa']);
});

test('the audience is the setting (one or several), and a token never outlives its session', async () => {
  const h = await harness({
    settings: {
      tokenAudience: ['https://api.example.com', 'https://jobs.example.com'],
      tokenTtlMs: 60 * minute,
      sessionMaxLifetimeMs: 20 * minute,
    },
  });
  const session = await h.signIn('alice');
  const sessionEnds = seconds(h.clock.now() + 20 * minute);
  h.clock.advance(5 * minute);
  const token = await tokenFor(h, session);
  const claims = await verifierFor(h, { audience: 'https://jobs.example.com' }).verify(token);
  assert.deepEqual(claims.aud, ['https://api.example.com', 'https://jobs.example.com']);
  assert.equal(claims.exp, sessionEnds, 'capped at the session end, not an hour');
  await assert.rejects(
    verifierFor(h).verify(token),
    (error: Error & { code?: string; detail?: string }) =>
      error.code === 'invalid_token' && /audience/.test(error.detail!),
  );
});

test('no token without a live session: signed out, a login challenge, an ended session; a cookie session follows the CSRF rule', async () => {
  const h = await harness();
  assert.equal((await h.request(endpoints.issueToken)).body.code, 'unauthenticated');
  await h.withMfa('alice');
  const login = await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' } });
  assert.equal(login.body.status, 'mfa_required');
  assert.equal(
    (await h.request(endpoints.issueToken, { token: login.body.challenge.id })).status,
    401,
    'a challenge in its MFA step is not a session',
  );

  const bob = await h.signIn('bob');
  assert.equal((await h.request(endpoints.logout, { token: bob })).status, 204);
  assert.equal((await h.request(endpoints.issueToken, { token: bob })).status, 401, 'a revoked session');

  const cookieLogin = await h.request(endpoints.login, {
    headers: { origin: 'http://localhost' },
    body: { username: 'bob', password, tokenType: 'cookie' },
  });
  const cookie = cookieLogin.headers.get('set-cookie')!.split(';')[0]!;
  assert.equal(
    (await h.request(endpoints.issueToken, { cookie, headers: { origin: 'https://evil.example' } })).body.code,
    'forbidden',
  );
  assert.equal(
    (await h.request(endpoints.issueToken, { cookie, headers: { origin: 'http://localhost' } })).status,
    200,
  );
});

test('a token is not a session: presented to the account API as a bearer, it is refused', async () => {
  const h = await harness();
  const token = await tokenFor(h, await h.signIn('root-user'));
  for (const entry of [endpoints.me, endpoints.issueToken, endpoints.orgUsers, endpoints.sessions]) {
    const reply = await h.request(entry, { token });
    assert.equal(reply.status, 401, entry.name);
    assert.equal(reply.body.code, 'unauthenticated');
  }
});
