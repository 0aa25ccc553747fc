import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpoints } from '@portcullis/sdk/contract';
import { apiKeyFor } from '../../../test/support/api-keys.ts';
import { harness, password } from '../../../test/support/harness.ts';

const dayMs = 86_400_000;
const iso = (at: number) => new Date(at).toISOString();
const policy = (enforceMfa: boolean, mfaDeadline: string | null) => ({
  enforceMfa,
  mfaDeadline,
  phishingResistant: false,
});

test('a deadline must be ahead, at most 365 days, and with enforcement; each refusal names the field and changes nothing', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  const now = h.clock.now();
  for (const [body, code] of [
    [{ enforceMfa: true, mfaDeadline: iso(now - 1) }, 'in_past'],
    [{ enforceMfa: true, mfaDeadline: iso(now) }, 'in_past'],
    [{ enforceMfa: true, mfaDeadline: iso(now + 365 * dayMs + 1) }, 'too_far'],
    [{ enforceMfa: false, mfaDeadline: iso(now + dayMs) }, 'needs_enforcement'],
    [{ enforceMfa: true, mfaDeadline: '1 March' }, undefined],
    [{ enforceMfa: true, mfaDeadline: 1772323200000 }, undefined],
  ] as const) {
    const reply = await h.request(endpoints.setOrgPolicy, { token: root, body: body as never });
    assert.deepEqual(
      [reply.status, reply.body.code, reply.body.errors?.[0]?.path],
      [400, 'invalid_request', 'mfaDeadline'],
      JSON.stringify(body),
    );
    if (code) assert.equal(reply.body.errors?.[0]?.code, code);
  }
  const policy = await h.request(endpoints.orgPolicy, { token: root });
  assert.deepEqual([policy.body.enforceMfa, policy.body.mfaDeadline], [false, null], 'nothing was set');

  const furthest = await h.request(endpoints.setOrgPolicy, {
    token: root,
    body: { enforceMfa: true, mfaDeadline: iso(now + 365 * dayMs) },
  });
  assert.equal(furthest.status, 200, furthest.text);
  assert.equal(furthest.body.mfaDeadline, iso(now + 365 * dayMs));
  const omitted = await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } });
  assert.equal(omitted.body.mfaDeadline, null, 'omitted means none: enforced at once');
  // An offset is accepted and shown in UTC: 09:00 at +01:00, two days ahead, is 08:00Z.
  const inTwoDays = iso(now + 2 * dayMs).slice(0, 10);
  const withOffset = await h.request(endpoints.setOrgPolicy, {
    token: root,
    body: { enforceMfa: true, mfaDeadline: `${inTwoDays}T09:00:00+01:00` },
  });
  assert.equal(withOffset.body.mfaDeadline, `${inTwoDays}T08:00:00.000Z`);
});

test('before the deadline, members without a factor sign in with the password and are reminded; no session ends; nobody turns MFA off', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  const alice = await h.signIn('alice');
  const bob = await h.withMfa('bob');
  const deadline = h.clock.now() + 12 * dayMs;
  const set = await h.request(endpoints.setOrgPolicy, {
    token: root,
    body: { enforceMfa: true, mfaDeadline: iso(deadline) },
  });
  assert.deepEqual([set.status, set.body.enforceMfa, set.body.mfaDeadline], [200, true, iso(deadline)]);

  const aliceMe = await h.request(endpoints.me, { token: alice });
  assert.equal(aliceMe.status, 200, "a future deadline ends nobody's session");
  assert.deepEqual(
    [aliceMe.body.mfa.enforced, aliceMe.body.mfa.requiredFrom, aliceMe.body.mfa.configured],
    [true, iso(deadline), false],
  );
  const bobMe = await h.request(endpoints.me, { token: bob });
  assert.deepEqual([bobMe.body.mfa.enforced, bobMe.body.mfa.requiredFrom], [true, null], 'bob has a factor');

  const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.equal(login.body.status, 'authenticated', 'not sent to enrollment before the deadline');
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'bob', password } })).body.status,
    'mfa_required',
    'a member with a factor uses it',
  );
  const off = await h.request(endpoints.setMfaEnabled, { token: bob, body: { enabled: false } });
  assert.deepEqual([off.status, off.body.code], [403, 'mfa_enforced'], 'nobody can turn MFA off');

  const change = await h.request(endpoints.changePassword, {
    token: alice,
    body: { currentPassword: password, newPassword: 'a much longer new passphrase 42' },
  });
  assert.equal(change.status, 204, 'a sensitive change with the password alone while she has no factor yet');
  const fresh = await h.signIn('alice', 'a much longer new passphrase 42');
  const setUp = await h.request(endpoints.startEnrollment, { token: fresh });
  assert.equal(setUp.status, 200, '"Set up now" is open to her');
});

test('at the deadline a member without a factor is stopped at the next request and enrolls at the next sign-in; one who set up in time carries on', async () => {
  const h = await harness();
  const root = await h.withMfa('root-user');
  const alice = await h.signIn('alice');
  const bob = await h.signIn('bob');
  const deadline = h.clock.now() + 3 * dayMs;
  await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true, mfaDeadline: iso(deadline) } });
  const bobReady = await h.withMfa('bob'); // sets up in time
  assert.equal(
    (await h.request(endpoints.me, { token: bob })).status,
    401,
    'his password-only session ended when he linked one',
  );

  h.clock.current = deadline - 1;
  assert.equal((await h.request(endpoints.me, { token: alice })).status, 200, 'one millisecond before');
  h.clock.current = deadline;
  const stopped = await h.request(endpoints.me, { token: alice });
  assert.deepEqual([stopped.status, stopped.body.code], [401, 'unauthenticated'], 'no job had to run');
  assert.equal((await h.request(endpoints.me, { token: alice })).status, 401, 'the session is gone');
  const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.equal(login.body.status, 'mfa_setup_required');

  const bobMe = await h.request(endpoints.me, { token: bobReady });
  assert.equal(bobMe.status, 200, 'a session that passed MFA carries on');
  assert.equal(bobMe.body.mfa.requiredFrom, null);
  const rootMe = await h.request(endpoints.me, { token: root });
  assert.equal(rootMe.status, 200);
  const policy = await h.request(endpoints.orgPolicy, { token: root });
  assert.equal(policy.body.mfaDeadline, iso(deadline), 'shown as set once it has passed');
});

test('the deadline already set may be sent back once passed; another past one may not; the events carry old and new', async () => {
  const h = await harness();
  const { key } = await apiKeyFor(h);
  const deadline = h.clock.now() + dayMs;
  assert.equal(
    (await h.request(endpoints.setOrgPolicy, { token: key, body: { enforceMfa: true, mfaDeadline: iso(deadline) } }))
      .status,
    200,
  );
  h.clock.advance(2 * dayMs);
  const again = await h.request(endpoints.setOrgPolicy, {
    token: key,
    body: { enforceMfa: true, mfaDeadline: iso(deadline) },
  });
  assert.equal(again.status, 200, 'what GET showed may be sent back');
  const other = await h.request(endpoints.setOrgPolicy, {
    token: key,
    body: { enforceMfa: true, mfaDeadline: iso(deadline - 1) },
  });
  assert.deepEqual([other.status, other.body.errors?.[0]?.code], [400, 'in_past']);

  await h.request(endpoints.setOrgPolicy, { token: key, body: { enforceMfa: false } });
  const events = await h.request(endpoints.orgEvents, { token: key });
  const changes = events.body.items.filter((e) => e.type === 'org_policy_changed').map((e) => e.policy);
  assert.deepEqual(changes, [
    { old: policy(true, iso(deadline)), new: policy(false, null) },
    { old: policy(true, iso(deadline)), new: policy(true, iso(deadline)) },
    { old: policy(false, null), new: policy(true, iso(deadline)) },
  ]);
  const other_ = events.body.items.find((e) => e.type !== 'org_policy_changed');
  assert.equal(other_ && 'policy' in other_, false, 'other events carry no policy');
});
