import assert from 'node:assert/strict';
import { throttleRule } from '../../src/domain/throttle-rules.ts';
import type { Store } from '../../src/store/store.ts';
import { org, user, event, session, challenge, seed, t0, anyUser, type SuiteTest, policy } from './fixtures.ts';

export function accountsSuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  const seeded = () => seed(open);

  test(`${name}: usernames are unique across organizations`, async () => {
    const store = await seeded();
    assert.equal(await store.createUser(user('usr_x', 'alice'), event('user_created')), 'conflict');
    assert.equal(await store.createOrganization(org('org_b'), user('usr_b', 'alice', 'org_b', 'root')), 'conflict');
    assert.equal(await store.getOrganization('org_b'), null, 'nothing half-created');
    assert.equal(await store.isEmpty(), false);
    await store.close();
  });

  test(`${name}: users list by username within one organization, with paging and search`, async () => {
    const store = await seeded();
    await store.createOrganization(org('org_b'), user('usr_b', 'bravo', 'org_b', 'root'));
    for (const name of ['carol', 'dave', 'erin'])
      await store.createUser(user(`usr_${name}`, name), event('user_created'));
    const page = await store.listUsers('org_a', { afterUsername: null, limit: 2, contains: null });
    assert.deepEqual(
      page.map((u) => u.username),
      ['alice', 'carol'],
    );
    const next = await store.listUsers('org_a', { afterUsername: 'carol', limit: 10, contains: null });
    assert.deepEqual(
      next.map((u) => u.username),
      ['dave', 'erin', 'root'],
    );
    const search = await store.listUsers('org_a', { afterUsername: null, limit: 10, contains: 'r' });
    assert.deepEqual(
      search.map((u) => u.username),
      ['carol', 'erin', 'root'],
    );
    const literal = await store.listUsers('org_a', { afterUsername: null, limit: 10, contains: '%' });
    assert.deepEqual(literal, [], 'search text is literal, not a pattern');
    await store.close();
  });

  test(`${name}: events are kept per organization, newest first, and outlive their users`, async () => {
    const store = await seeded();
    await store.appendEvent(event('login_failed'));
    await store.appendEvent(event('login_succeeded', 'org_b'));
    await store.deleteUser('usr_a', { ...event('user_deleted'), targetId: 'usr_a', targetUsername: 'alice' });
    const events = await store.listEvents('org_a', null, 10);
    assert.deepEqual(
      events.map((e) => e.type),
      ['user_deleted', 'login_failed', 'user_created'],
    );
    assert.equal(events[0]!.targetUsername, 'alice');
    const older = await store.listEvents('org_a', events[0]!.id, 1);
    assert.deepEqual(
      older.map((e) => e.type),
      ['login_failed'],
    );
    await store.close();
  });

  test(`${name}: enforcing MFA ends the sessions that did not pass it, except the root's own; lifting ends none`, async () => {
    const store = await seeded();
    await store.createOrganization(org('org_b'), user('usr_b', 'bravo', 'org_b', 'root'));
    await store.createSession(session('root-own', 'usr_root'), null, anyUser);
    await store.createSession(session('root-other', 'usr_root'), null, anyUser);
    await store.createSession(session('alice-pw', 'usr_a'), null, anyUser);
    await store.createSession(session('alice-mfa', 'usr_a', true), null, anyUser);
    await store.createSession(session('other-org', 'usr_b'), null, anyUser);
    const lifted = await store.setOrgPolicy(
      'org_a',
      policy(false),
      t0 + 1,
      () => event('org_policy_changed'),
      'root-own',
    );
    assert.equal(typeof lifted === 'object' && lifted.enforceMfa, false);
    assert.ok(await store.getSession('alice-pw'), 'lifting ends nothing');
    const updated = await store.setOrgPolicy(
      'org_a',
      policy(true),
      t0 + 5,
      () => event('org_policy_changed'),
      'root-own',
    );
    assert.ok(typeof updated === 'object');
    assert.deepEqual([updated.enforceMfa, updated.policyUpdatedAt], [true, t0 + 5]);
    assert.equal((await store.getOrganization('org_a'))!.enforceMfa, true);
    const left = await Promise.all(
      ['root-own', 'root-other', 'alice-pw', 'alice-mfa', 'other-org'].map(
        async (s) => (await store.getSession(s)) !== null,
      ),
    );
    assert.deepEqual(left, [true, false, false, true, true]);
    await store.close();
  });

  test(`${name}: attempts are reserved atomically and paced by the rule`, async () => {
    const store = await seeded();
    const decisions = await Promise.all(Array.from({ length: 8 }, () => store.reserveAttempt('k', t0, throttleRule)));
    assert.equal(decisions.filter((d) => d.allowed).length, throttleRule.freeAttempts);
    assert.deepEqual(
      decisions
        .filter((d) => d.allowed)
        .map((d) => d.allowed && d.failures)
        .sort(),
      [1, 2, 3, 4, 5],
    );
    const denied = decisions.find((d) => !d.allowed);
    assert.deepEqual(denied, { allowed: false, retryAfterMs: throttleRule.baseDelayMs });
    assert.equal((await store.reserveAttempt('other', t0, throttleRule)).allowed, true, 'keys are separate');
    const later = t0 + throttleRule.forgetAfterMs;
    assert.deepEqual(
      await store.reserveAttempt('k', later, throttleRule),
      { allowed: true, failures: 1 },
      'old failures are forgotten',
    );
    for (let i = 2; i <= throttleRule.freeAttempts; i++) await store.reserveAttempt('k', later, throttleRule);
    assert.equal((await store.reserveAttempt('k', later, throttleRule)).allowed, false);
    await store.releaseAttempt('k', throttleRule);
    assert.deepEqual(
      await store.reserveAttempt('k', later, throttleRule),
      { allowed: true, failures: throttleRule.freeAttempts },
      'a released attempt lifts the wait it caused',
    );
    assert.equal((await store.reserveAttempt('k', later, throttleRule)).allowed, false);
    await store.clearAttempts('k');
    assert.equal((await store.reserveAttempt('k', t0, throttleRule)).allowed, true);
    // Another instance read its clock a moment earlier: no wait is owed, so none is found.
    await store.reserveAttempt('clocks', t0 + 10, throttleRule);
    assert.deepEqual(await store.reserveAttempt('clocks', t0, throttleRule), { allowed: true, failures: 2 });
    await store.close();
  });

  test(`${name}: pruning deletes expired challenges and sessions and forgotten counters, nothing live`, async () => {
    const store = await seeded();
    await store.createChallenge(challenge('old', 'usr_a', 'mfa', { expiresAt: t0 + 10 }));
    await store.createChallenge(challenge('new', 'usr_a', 'mfa', { expiresAt: t0 + 1000 }));
    await store.createSession({ ...session('ended', 'usr_a'), expiresAt: t0 + 10 }, null, anyUser);
    await store.createSession(
      { ...session('idle', 'usr_a'), lastSeenAt: t0 - 500, expiresAt: t0 + 10_000 },
      null,
      anyUser,
    );
    await store.createSession(
      { ...session('live', 'usr_a'), lastSeenAt: t0 + 50, expiresAt: t0 + 10_000 },
      null,
      anyUser,
    );
    await store.reserveAttempt('stale', t0 - 1000, throttleRule);
    await store.reserveAttempt('fresh', t0 + 50, throttleRule);
    const removed = await store.prune(t0 + 100, { idleMs: 500, forgetAfterMs: 1000, deliveriesKeptMs: 1 });
    assert.equal(removed, 4);
    assert.equal(await store.getChallenge('old'), null);
    assert.ok(await store.getChallenge('new'));
    assert.equal(await store.getSession('ended'), null);
    assert.equal(await store.getSession('idle'), null);
    assert.ok(await store.getSession('live'));
    // The kept counter makes this the second failure, so the third attempt must wait.
    const strict = { ...throttleRule, freeAttempts: 2 };
    assert.equal((await store.reserveAttempt('fresh', t0 + 100, strict)).allowed, true);
    assert.equal((await store.reserveAttempt('fresh', t0 + 100, strict)).allowed, false, 'fresh counter kept');
    await store.close();
  });
}
