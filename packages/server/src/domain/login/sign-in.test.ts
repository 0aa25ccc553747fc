import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { createNativeArgon2Hasher } from '../../crypto/native-argon2-hasher.ts';
import type { PasswordHasher } from '../../crypto/password-hasher.ts';
import { totpCode } from '../../crypto/totp.ts';
import { harness, password } from '../../../test/support/harness.ts';
import { challengeMaxFailures, challengeTtlMs } from './sign-in.ts';

test('MFA not required: the password alone signs in, with a fresh token each time', async () => {
  const h = await harness();
  const first = await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' } });
  const second = await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' } });
  assert.equal(first.status, 200);
  assert.equal(first.body.status, 'authenticated');
  assert.equal(first.body.user.username, 'alice');
  assert.match(first.body.token, /^[A-Za-z0-9_-]{43}$/); // 256 bits
  assert.notEqual(first.body.token, second.body.token);
  assert.equal((await h.request(endpoints.me, { token: first.body.token })).status, 200);
});

test('usernames are matched case-insensitively after NFKC', async () => {
  const h = await harness();
  const reply = await h.request(endpoints.login, { body: { username: '  ALICE ', password, tokenType: 'bearer' } });
  assert.equal(reply.body.status, 'authenticated');
});

test('MFA required and configured: a challenge, and a code signs in', async () => {
  const h = await harness();
  await h.withMfa('alice');
  const login = await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' } });
  assert.equal(login.body.status, 'mfa_required');
  assert.equal(login.body.enrollment, undefined);
  assert.ok(Date.parse(login.body.challenge.expiresAt) > h.clock.now());
  const done = await h.request(endpoints.completeMfa, {
    body: { challengeId: login.body.challenge.id, code: await h.nextCode('alice') },
  });
  assert.equal(done.status, 200);
  assert.equal(done.body.status, 'authenticated');
  assert.equal(done.body.recoveryCodes, undefined);
});

test('a login challenge is not a session: every other endpoint refuses it (tinyauth GHSA-3q28-qjrv-qr39)', async () => {
  const h = await harness();
  await h.request(endpoints.setMfaEnabled, { token: await h.signIn('alice'), body: { enabled: true } });
  const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.equal(login.body.status, 'mfa_setup_required');
  assert.equal(login.headers.get('set-cookie'), null);
  const id = login.body.challenge.id as string;
  for (const path of ['/me', '/org/users', '/password-policy']) {
    const reply = await h.call('GET', path, { token: id });
    if (path === '/password-policy') assert.equal(reply.body.minLength, 15, 'treated as anonymous');
    else assert.equal(reply.status, 401, path);
  }
  const cookie = await h.request(endpoints.me, { cookie: `portcullis-session=${id}` });
  assert.equal(cookie.status, 401);
});

test('a challenge expires after five minutes', async () => {
  const h = await harness();
  await h.request(endpoints.setMfaEnabled, { token: await h.signIn('alice'), body: { enabled: true } });
  const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
  h.clock.advance(challengeTtlMs);
  const code = await totpCode(login.body.enrollment.secret, h.clock.now());
  const reply = await h.request(endpoints.completeMfa, { body: { challengeId: login.body.challenge.id, code } });
  assert.equal(reply.status, 400);
  assert.equal(reply.body.code, 'challenge_expired');
});

test('a challenge dies after five wrong codes, even if the sixth is right', async () => {
  const h = await harness();
  await h.request(endpoints.setMfaEnabled, { token: await h.signIn('alice'), body: { enabled: true } });
  const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
  const challengeId = login.body.challenge.id;
  const codes: string[] = [];
  for (let i = 1; i <= challengeMaxFailures; i++) {
    const reply = await h.request(endpoints.completeMfa, { body: { challengeId, code: '000000' } });
    codes.push(reply.body.code);
  }
  assert.deepEqual(codes, [...Array(challengeMaxFailures - 1).fill('invalid_code'), 'challenge_expired']);
  const right = await totpCode(login.body.enrollment.secret, h.clock.now());
  const reply = await h.request(endpoints.completeMfa, { body: { challengeId, code: right } });
  assert.equal(reply.body.code, 'challenge_expired');
});

test('unknown user, wrong password and a throttled name get the same answer; unknown users cost a hash too', async () => {
  const native = createNativeArgon2Hasher();
  let verifications = 0;
  const counting: PasswordHasher = { ...native, verify: (phc, pw) => (verifications++, native.verify(phc, pw)) };
  const h = await harness({ hasher: counting });
  const unknown = await h.request(endpoints.login, { body: { username: 'nobody', password } });
  assert.equal(verifications, 1, 'a dummy hash is verified for an unknown user');
  const wrong = await h.request(endpoints.login, { body: { username: 'alice', password: 'wrong password entirely' } });
  assert.equal(verifications, 2);
  const strip = (r: typeof unknown) => ({ status: r.status, body: r.body, type: r.headers.get('content-type') });
  assert.deepEqual(strip(unknown), strip(wrong));
  assert.equal(unknown.body.code, 'invalid_credentials');
  // Throttling is keyed by the name typed, known or not, so a lock does not reveal an account.
  const throttled = async (username: string) => {
    let last;
    for (let i = 0; i < 7; i++)
      last = await h.request(endpoints.login, { body: { username, password: 'nope nope nope' } });
    return last!;
  };
  const a = await throttled('alice');
  const b = await throttled('nobody-at-all');
  assert.equal(a.status, 429);
  assert.deepEqual(strip(a), strip(b));
});

test('a login rehashes a password stored with old parameters', async () => {
  const weak = createNativeArgon2Hasher({ memoryKiB: 1024, iterations: 1, parallelism: 1 });
  const h = await harness();
  const current = (await h.store.getUser(h.users.alice!.id))!.passwordHash;
  await h.store.replacePasswordHash(
    h.users.alice!.id,
    { expectedHash: current, hash: await weak.hash(password), singleFactorOk: true, keepSession: null },
    null,
  );
  await h.signIn('alice');
  const stored = (await h.store.getUser(h.users.alice!.id))!.passwordHash;
  assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
});

test('every password is normalised with NFKC before hashing', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  // "ﬁ" (U+FB01) is NFKC "fi"; a passphrase set with one form signs in with the other.
  const composed = 'ﬁne passphrase for testing';
  const change = await h.request(endpoints.changePassword, {
    token,
    body: { currentPassword: password, newPassword: composed },
  });
  assert.equal(change.status, 204);
  const reply = await h.request(endpoints.login, {
    body: { username: 'alice', password: 'fine passphrase for testing' },
  });
  assert.equal(reply.body.status, 'authenticated');
});

test('abandoned logins and guessed usernames do not pile up: a later login prunes them', async () => {
  const h = await harness();
  await h.withMfa('alice');
  for (let i = 0; i < 5; i++) await h.request(endpoints.login, { body: { username: 'alice', password } }); // abandoned challenges
  for (let i = 0; i < 5; i++) await h.request(endpoints.login, { body: { username: `nobody-${i}`, password } }); // throttle rows
  h.clock.advance(25 * 60 * 60_000);
  let pruned = 0;
  const prune = h.store.prune.bind(h.store);
  h.store.prune = async (...args) => (pruned += await prune(...args));
  await h.request(endpoints.login, { body: { username: 'bob', password } });
  assert.ok(pruned >= 10, `pruned ${pruned}`);
  h.clock.advance(60_000);
  await h.request(endpoints.login, { body: { username: 'bob', password } });
  assert.ok(pruned < 20, 'not on every login: at most every ten minutes');
});
