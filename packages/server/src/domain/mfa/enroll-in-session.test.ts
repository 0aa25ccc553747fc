import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { totpCode } from '../../crypto/totp.ts';
import { minute } from '../../deps.ts';
import { registerPasskey } from '../../../test/support/passkeys.ts';
import { harness, password } from '../../../test/support/harness.ts';

test('"Set up now": a root that just enforced MFA links its app in place and may then change the policy again', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } });
  const started = await h.request(endpoints.startEnrollment, { token: root });
  assert.equal(started.status, 200, started.text);
  assert.match(started.body.secret, /^[A-Z2-7]{32}$/);
  assert.deepEqual([started.body.digits, started.body.period, started.body.algorithm], [6, 30, 'SHA1']);
  assert.ok(started.body.otpauthUri.includes(started.body.secret));
  assert.equal(Date.parse(started.body.expiresAt), h.clock.now() + 5 * minute);
  assert.equal(started.headers.get('cache-control'), 'no-store');

  const wrong = await h.request(endpoints.confirmEnrollment, { token: root, body: { code: '000000' } });
  assert.equal(wrong.body.code, 'invalid_code');
  assert.equal((await h.request(endpoints.me, { token: root })).body.mfa.configured, false);

  const confirmed = await h.request(endpoints.confirmEnrollment, {
    token: root,
    body: { code: await totpCode(started.body.secret, h.clock.now()) },
  });
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.equal(confirmed.body.recoveryCodes.length, 10);
  const me = (await h.request(endpoints.me, { token: root })).body;
  assert.deepEqual(
    [me.mfa.enabled, me.mfa.configured, me.mfa.recoveryCodesLeft, me.session.reauthSecondFactor],
    [true, true, 10, true],
  );
  assert.equal(
    (await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: false } })).status,
    200,
    'the session now counts as having passed MFA',
  );
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'root-user', password } })).body.status,
    'mfa_required',
  );
});

test('"Set up now" needs a recent password, so a stolen cookie alone cannot link an attacker\'s app', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  await h.request(endpoints.setMfaEnabled, { token, body: { enabled: true } });
  h.clock.advance(11 * minute);
  const stale = await h.request(endpoints.startEnrollment, { token });
  assert.equal(stale.body.code, 'reauth_required');
  assert.deepEqual(
    stale.body.errors.map((e: { path: string }) => e.path),
    ['password'],
  );
  assert.equal((await h.request(endpoints.reauthenticate, { token, body: { password } })).status, 200);
  assert.equal((await h.request(endpoints.startEnrollment, { token })).status, 200);
});

test('"Set up now" is for MFA that is required and not linked; anything else is a conflict', async () => {
  const h = await harness();
  const plain = await h.signIn('bob');
  assert.equal((await h.request(endpoints.startEnrollment, { token: plain })).body.code, 'conflict', 'MFA is off');
  const linked = await h.withMfa('alice');
  assert.equal((await h.request(endpoints.startEnrollment, { token: linked })).body.code, 'conflict', 'already linked');
  assert.equal(
    (await h.request(endpoints.confirmEnrollment, { token: linked, body: { code: '123456' } })).body.code,
    'conflict',
  );
  assert.equal((await h.request(endpoints.startEnrollment)).status, 401);
});

test('"Set up now" with a passkey linked is a conflict at the start, not a confirmation that always fails (#28 item 9)', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const { reply } = await registerPasskey(h, token, 'Key');
  assert.equal(reply.status, 200, reply.text);
  const start = await h.request(endpoints.startEnrollment, { token });
  assert.equal(start.status, 409, start.text);
  assert.equal(start.body.code, 'conflict');
  assert.match(start.body.detail, /passkey/);
});

test('a "Set up now" secret belongs to the session that asked for it; a new start replaces it; it lapses', async () => {
  const h = await harness();
  const here = await h.signIn('alice');
  const there = await h.signIn('alice');
  await h.request(endpoints.setMfaEnabled, { token: here, body: { enabled: true } });
  const first = (await h.request(endpoints.startEnrollment, { token: here })).body;
  // Her other password-only session ended when MFA went on (rule 18a); the store suite checks
  // that an enrollment belongs to its session ("a \"Set up now\" enrollment belongs to its session").
  const elsewhere = await h.request(endpoints.confirmEnrollment, {
    token: there,
    body: { code: await totpCode(first.secret, h.clock.now()) },
  });
  assert.equal(elsewhere.status, 401, 'another session cannot finish it');
  const second = (await h.request(endpoints.startEnrollment, { token: here })).body;
  assert.notEqual(second.secret, first.secret);
  const old = await h.request(endpoints.confirmEnrollment, {
    token: here,
    body: { code: await totpCode(first.secret, h.clock.now()) },
  });
  assert.equal(old.body.code, 'invalid_code', 'the replaced secret no longer links');
  h.clock.advance(5 * minute);
  const late = await h.request(endpoints.confirmEnrollment, {
    token: here,
    body: { code: await totpCode(second.secret, h.clock.now()) },
  });
  assert.equal(late.body.code, 'challenge_expired');
  const login = await h.request(endpoints.completeMfa, {
    body: { challengeId: 'not-a-login-challenge', code: '123456' },
  });
  assert.equal(login.body.code, 'challenge_expired');
});

test('a session that set up MFA in place survives enforcement; wrong codes are logged and end the setup at five', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  const alice = await h.signIn('alice');
  await h.request(endpoints.setMfaEnabled, { token: alice, body: { enabled: true } });
  const started = (await h.request(endpoints.startEnrollment, { token: alice })).body;
  await h.request(endpoints.confirmEnrollment, {
    token: alice,
    body: { code: await totpCode(started.secret, h.clock.now()) },
  });
  assert.equal((await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } })).status, 200);
  assert.equal((await h.request(endpoints.me, { token: alice })).status, 200);

  const bobSession = await h.signIn('bob'); // enrolls under the policy
  assert.equal((await h.request(endpoints.resetMfa, { token: bobSession })).status, 200);
  await h.request(endpoints.reauthenticate, { token: bobSession, body: { password } });
  assert.equal((await h.request(endpoints.startEnrollment, { token: bobSession })).status, 200);
  const codes: string[] = [];
  for (let i = 0; i < 5; i++)
    codes.push(
      (await h.request(endpoints.confirmEnrollment, { token: bobSession, body: { code: '000000' } })).body.code,
    );
  assert.deepEqual(codes, ['invalid_code', 'invalid_code', 'invalid_code', 'invalid_code', 'challenge_expired']);
  const events = (await h.request(endpoints.orgEvents, { token: root })).body.items;
  assert.equal(events.filter((e: { type: string }) => e.type === 'mfa_code_failed').length, 5);
});
