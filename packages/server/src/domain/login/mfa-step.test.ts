import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { totpCode } from '../../crypto/totp.ts';
import { harness, password, type Harness } from '../../../test/support/harness.ts';

async function enrollmentChallenge(h: Harness, username = 'alice') {
  await h.request(endpoints.setMfaEnabled, { token: await h.signIn(username), body: { enabled: true } });
  const login = await h.request(endpoints.login, { body: { username, password, tokenType: 'bearer' } });
  assert.equal(login.body.status, 'mfa_setup_required');
  return login.body as {
    challenge: { id: string };
    enrollment: { secret: string; otpauthUri: string; digits: number; period: number; algorithm: string };
  };
}

test('enrollment shows a new secret and links it only after a valid code; ten recovery codes come once', async () => {
  const h = await harness();
  const { challenge, enrollment } = await enrollmentChallenge(h);
  assert.match(enrollment.secret, /^[A-Z2-7]{32}$/);
  assert.deepEqual([enrollment.digits, enrollment.period, enrollment.algorithm], [6, 30, 'SHA1']);
  assert.ok(enrollment.otpauthUri.includes(`secret=${enrollment.secret}`));
  assert.equal((await h.store.getUser(h.users.alice!.id))!.totpSecretSealed, null, 'pending, not linked');

  const wrong = await h.request(endpoints.completeMfa, { body: { challengeId: challenge.id, code: '123456' } });
  assert.equal(wrong.body.code, 'invalid_code');
  assert.equal((await h.store.getUser(h.users.alice!.id))!.totpSecretSealed, null);

  const code = await totpCode(enrollment.secret, h.clock.now());
  const done = await h.request(endpoints.completeMfa, { body: { challengeId: challenge.id, code } });
  assert.equal(done.status, 200);
  assert.equal(done.body.recoveryCodes.length, 10);
  assert.equal(done.body.user.mfa.configured, true);
  assert.equal(done.body.user.mfa.recoveryCodesLeft, 10);
  const me = await h.request(endpoints.me, { token: done.body.token });
  assert.equal(JSON.stringify(me.body).includes(enrollment.secret), false, 'the secret is never shown again');
  const again = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.equal(again.body.status, 'mfa_required');
  assert.equal(again.body.enrollment, undefined);
});

test('an abandoned enrollment changes nothing (better-auth #10923)', async () => {
  const h = await harness();
  await enrollmentChallenge(h);
  const before = await h.store.getUser(h.users.alice!.id);
  h.clock.advance(10 * 60_000);
  const after = await h.store.getUser(h.users.alice!.id);
  assert.deepEqual(after, before);
  assert.equal(after!.totpSecretSealed, null);
  const next = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.equal(next.body.status, 'mfa_setup_required', 'the next login enrolls again');
});

test('two enrollments in parallel: the second to finish cannot replace the first secret', async () => {
  const h = await harness();
  const first = await enrollmentChallenge(h);
  const second = await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' } });
  assert.notEqual(second.body.enrollment.secret, first.enrollment.secret);
  const ok = await h.request(endpoints.completeMfa, {
    body: { challengeId: first.challenge.id, code: await totpCode(first.enrollment.secret, h.clock.now()) },
  });
  assert.equal(ok.status, 200);
  h.clock.advance(30_000);
  const late = await h.request(endpoints.completeMfa, {
    body: { challengeId: second.body.challenge.id, code: await totpCode(second.body.enrollment.secret, h.clock.now()) },
  });
  assert.equal(late.body.code, 'challenge_expired');
});

test('a challenge that lost the race is gone, and its codes cannot reset the code throttle (better-auth #10923)', async () => {
  const h = await harness();
  const first = await enrollmentChallenge(h);
  const second = (await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' } }))
    .body;
  const third = (await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' } })).body;
  const ok = await h.request(endpoints.completeMfa, {
    body: { challengeId: first.challenge.id, code: await totpCode(first.enrollment.secret, h.clock.now()) },
  });
  assert.equal(ok.status, 200);
  // Completing an enrollment ends the user's other open challenges.
  assert.equal(
    (await h.request(endpoints.completeMfa, { body: { challengeId: third.challenge.id, code: '000000' } })).body.code,
    'challenge_expired',
  );
  // Four wrong codes at a fresh sign-in, then valid codes of the losing secret: the throttle holds.
  const login = (await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' } })).body;
  for (let i = 0; i < 4; i++) {
    assert.equal(
      (await h.request(endpoints.completeMfa, { body: { challengeId: login.challenge.id, code: '000000' } })).body.code,
      'invalid_code',
    );
  }
  const loser = await h.request(endpoints.completeMfa, {
    body: { challengeId: second.challenge.id, code: await totpCode(second.enrollment.secret, h.clock.now()) },
  });
  assert.equal(loser.body.code, 'challenge_expired');
  const fifth = await h.request(endpoints.completeMfa, { body: { challengeId: login.challenge.id, code: '000000' } });
  assert.equal(fifth.body.code, 'challenge_expired', 'the fifth wrong code ends the challenge');
  const retry = (await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' } })).body;
  const sixth = await h.request(endpoints.completeMfa, { body: { challengeId: retry.challenge.id, code: '000000' } });
  assert.equal(sixth.status, 429, 'five failures counted: the account now waits');
});

test('the same code twice is refused the second time (devise-two-factor CVE-2015-7225)', async () => {
  const h = await harness();
  await h.withMfa('alice');
  const code = await h.nextCode('alice');
  const first = await h.request(endpoints.login, { body: { username: 'alice', password } });
  const ok = await h.request(endpoints.completeMfa, { body: { challengeId: first.body.challenge.id, code } });
  assert.equal(ok.status, 200);
  const second = await h.request(endpoints.login, { body: { username: 'alice', password } });
  const replay = await h.request(endpoints.completeMfa, { body: { challengeId: second.body.challenge.id, code } });
  assert.equal(replay.body.code, 'invalid_code');
  // The previous step is refused too once a later one was used.
  const earlier = await totpCode(h.secrets.get('alice')!, h.clock.now() - 30_000);
  const older = await h.request(endpoints.completeMfa, {
    body: { challengeId: second.body.challenge.id, code: earlier },
  });
  assert.equal(older.body.code, 'invalid_code');
});

test('two concurrent submissions of one code: exactly one wins (better-auth #10387)', async () => {
  const h = await harness();
  await h.withMfa('alice');
  const code = await h.nextCode('alice');
  const a = await h.request(endpoints.login, { body: { username: 'alice', password } });
  const b = await h.request(endpoints.login, { body: { username: 'alice', password } });
  const replies = await Promise.all([
    h.request(endpoints.completeMfa, { body: { challengeId: a.body.challenge.id, code } }),
    h.request(endpoints.completeMfa, { body: { challengeId: b.body.challenge.id, code } }),
  ]);
  assert.deepEqual(replies.map((r) => r.status).sort(), [200, 400]);
});

test('one challenge answered twice at once signs in once', async () => {
  const h = await harness();
  await h.withMfa('alice');
  const [code, previous] = [await h.nextCode('alice'), await totpCode(h.secrets.get('alice')!, h.clock.now() - 30_000)];
  const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
  const replies = await Promise.all(
    [code, previous].map((c) =>
      h.request(endpoints.completeMfa, { body: { challengeId: login.body.challenge.id, code: c } }),
    ),
  );
  assert.equal(replies.filter((r) => r.status === 200).length, 1);
});

test('a recovery code signs in once, and not twice', async () => {
  const h = await harness();
  await h.withMfa('alice');
  const [code] = h.recoveryCodes.get('alice')!;
  const first = await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' } });
  const ok = await h.request(endpoints.completeMfa, {
    body: { challengeId: first.body.challenge.id, code: code!.toLowerCase() },
  });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.user.mfa.recoveryCodesLeft, 9);
  const second = await h.request(endpoints.login, { body: { username: 'alice', password } });
  const again = await h.request(endpoints.completeMfa, { body: { challengeId: second.body.challenge.id, code } });
  assert.equal(again.body.code, 'invalid_code');
});

test('codes from enrollment are TOTP only: a recovery-shaped code does not finish it', async () => {
  const h = await harness();
  const { challenge } = await enrollmentChallenge(h);
  const reply = await h.request(endpoints.completeMfa, {
    body: { challengeId: challenge.id, code: 'ABCD-EFGH-JKMN-PQRS' },
  });
  assert.equal(reply.body.code, 'invalid_code');
});

test('an unknown challenge id is expired, never a crash', async () => {
  const h = await harness();
  const reply = await h.request(endpoints.completeMfa, { body: { challengeId: 'x'.repeat(43), code: '123456' } });
  assert.equal(reply.status, 400);
  assert.equal(reply.body.code, 'challenge_expired');
});
