import assert from 'node:assert/strict';
import { test } from 'node:test';
import { throttleRule } from '../domain/throttle.ts';
import type { NewSecurityEvent, OrganizationRecord, SessionRecord, Store, UserRecord } from './store.ts';

const t0 = Date.UTC(2026, 0, 1);
const org = (id = 'org_a'): OrganizationRecord => ({ id, name: 'A', enforceMfa: false, policyUpdatedAt: t0, createdAt: t0 });
const user = (id: string, username: string, orgId = 'org_a', role: UserRecord['role'] = 'subuser'): UserRecord => ({
  id, orgId, username, role, passwordHash: 'h', mfaEnabled: false, totpSecretSealed: null, totpLastStep: null, createdAt: t0, lastActiveAt: null,
});
const event = (type: NewSecurityEvent['type'], orgId = 'org_a'): NewSecurityEvent => ({
  orgId, type, at: t0, actorId: null, actorUsername: null, targetId: null, targetUsername: null, clientAddress: null,
});
const session = (tokenHash: string, userId: string): SessionRecord => ({
  tokenHash, userId, createdAt: t0, lastSeenAt: t0, expiresAt: t0 + 1000, reauthAt: t0, reauthSecondFactor: false,
});

/** One suite, run against every adapter: they must behave identically. */
export function storeSuite(name: string, open: () => Store): void {
  async function seeded() {
    const store = open();
    assert.equal(await store.isEmpty(), true);
    assert.equal(await store.createOrganization(org(), user('usr_root', 'root', 'org_a', 'root')), 'created');
    assert.equal(await store.createUser(user('usr_a', 'alice'), event('user_created')), 'created');
    return store;
  }

  test(`${name}: usernames are unique across organizations`, async () => {
    const store = await seeded();
    assert.equal(await store.createUser(user('usr_x', 'alice'), event('user_created')), 'conflict');
    assert.equal(await store.createOrganization(org('org_b'), user('usr_b', 'alice', 'org_b', 'root')), 'conflict');
    assert.equal(await store.getOrganization('org_b'), null, 'nothing half-created');
    assert.equal(await store.isEmpty(), false);
    await store.close();
  });

  test(`${name}: a TOTP step is claimed once, and never an earlier one`, async () => {
    const store = await seeded();
    const claims = await Promise.all([store.claimTotpStep('usr_a', 100), store.claimTotpStep('usr_a', 100)]);
    assert.deepEqual(claims.sort(), [false, true]);
    assert.equal(await store.claimTotpStep('usr_a', 99), false);
    assert.equal(await store.claimTotpStep('usr_a', 101), true);
    assert.equal((await store.getUser('usr_a'))!.totpLastStep, 101);
    await store.close();
  });

  test(`${name}: recovery codes are single use and replaced as a set`, async () => {
    const store = await seeded();
    assert.equal(await store.replaceRecoveryCodes('usr_a', ['c1', 'c2'], event('recovery_codes_renewed')), false, 'no authenticator linked');
    assert.equal(await store.finishEnrollment('ch_missing', { userId: 'usr_a', secretSealed: 's', step: 1, recoveryCodeHashes: ['c1'] }, session('s0', 'usr_a'), []), false);
    await store.createChallenge({ idHash: 'ch1', userId: 'usr_a', kind: 'enroll', pendingSecretSealed: 's', tokenType: 'cookie', failures: 0, expiresAt: t0 + 1 });
    assert.equal(await store.finishEnrollment('ch1', { userId: 'usr_a', secretSealed: 's', step: 1, recoveryCodeHashes: ['c1', 'c2'] }, session('s1', 'usr_a'), [event('mfa_enrolled')]), true);
    assert.equal(await store.countRecoveryCodes('usr_a'), 2);
    const uses = await Promise.all([store.consumeRecoveryCode('usr_a', 'c1', event('recovery_code_used')), store.consumeRecoveryCode('usr_a', 'c1', event('recovery_code_used'))]);
    assert.deepEqual(uses.sort(), [false, true]);
    assert.equal(await store.replaceRecoveryCodes('usr_a', ['c3'], event('recovery_codes_renewed')), true);
    assert.equal(await store.consumeRecoveryCode('usr_a', 'c2', event('recovery_code_used')), false);
    assert.equal(await store.countRecoveryCodes('usr_a'), 1);
    await store.close();
  });

  test(`${name}: an enrollment never replaces a linked authenticator, and rolls back whole`, async () => {
    const store = await seeded();
    for (const id of ['ch1', 'ch2']) {
      await store.createChallenge({ idHash: id, userId: 'usr_a', kind: 'enroll', pendingSecretSealed: id, tokenType: 'cookie', failures: 0, expiresAt: t0 + 1 });
    }
    assert.equal(await store.finishEnrollment('ch1', { userId: 'usr_a', secretSealed: 'first', step: 1, recoveryCodeHashes: ['c1'] }, session('s1', 'usr_a'), []), true);
    assert.equal(await store.finishEnrollment('ch2', { userId: 'usr_a', secretSealed: 'second', step: 2, recoveryCodeHashes: ['c2'] }, session('s2', 'usr_a'), []), false);
    assert.equal((await store.getUser('usr_a'))!.totpSecretSealed, 'first');
    assert.equal(await store.getSession('s2'), null);
    assert.ok(await store.getChallenge('ch2'), 'the losing challenge is left as it was');
    await store.close();
  });

  test(`${name}: a challenge is finished once and dies at its failure limit`, async () => {
    const store = await seeded();
    await store.createChallenge({ idHash: 'ch', userId: 'usr_a', kind: 'mfa', pendingSecretSealed: null, tokenType: 'bearer', failures: 0, expiresAt: t0 + 1 });
    assert.equal(await store.failChallenge('ch', 3), 1);
    assert.equal((await store.getChallenge('ch'))!.failures, 1);
    const finishes = await Promise.all([store.finishChallenge('ch', session('s1', 'usr_a'), event('login_succeeded')), store.finishChallenge('ch', session('s2', 'usr_a'), event('login_succeeded'))]);
    assert.deepEqual(finishes.sort(), [false, true]);
    await store.createChallenge({ idHash: 'ch2', userId: 'usr_a', kind: 'mfa', pendingSecretSealed: null, tokenType: 'bearer', failures: 0, expiresAt: t0 + 1 });
    await store.failChallenge('ch2', 2);
    assert.equal(await store.failChallenge('ch2', 2), 2);
    assert.equal(await store.getChallenge('ch2'), null);
    await store.close();
  });

  test(`${name}: unlinking MFA clears secret, replay state, codes and challenges; optionally sessions`, async () => {
    const store = await seeded();
    await store.createChallenge({ idHash: 'ch1', userId: 'usr_a', kind: 'enroll', pendingSecretSealed: 's', tokenType: 'cookie', failures: 0, expiresAt: t0 + 1 });
    await store.finishEnrollment('ch1', { userId: 'usr_a', secretSealed: 's', step: 7, recoveryCodeHashes: ['c1'] }, session('s1', 'usr_a'), []);
    await store.createChallenge({ idHash: 'ch2', userId: 'usr_a', kind: 'mfa', pendingSecretSealed: null, tokenType: 'cookie', failures: 0, expiresAt: t0 + 1 });
    await store.setMfaEnabled('usr_a', true, event('mfa_enabled'));
    await store.unlinkMfa('usr_a', { disable: false, endSessions: true }, event('mfa_reset_by_root'));
    const after = (await store.getUser('usr_a'))!;
    assert.deepEqual([after.totpSecretSealed, after.totpLastStep, after.mfaEnabled], [null, null, true]);
    assert.equal(await store.countRecoveryCodes('usr_a'), 0);
    assert.equal(await store.getChallenge('ch2'), null);
    assert.equal(await store.getSession('s1'), null);
    await store.unlinkMfa('usr_a', { disable: true, endSessions: false }, event('mfa_disabled'));
    assert.equal((await store.getUser('usr_a'))!.mfaEnabled, false);
    await store.close();
  });

  test(`${name}: password changes end other sessions and pending challenges; deleting a user ends all`, async () => {
    const store = await seeded();
    await store.createSession(session('keep', 'usr_a'), null);
    await store.createSession(session('drop', 'usr_a'), null);
    await store.createChallenge({ idHash: 'ch', userId: 'usr_a', kind: 'mfa', pendingSecretSealed: null, tokenType: 'cookie', failures: 0, expiresAt: t0 + 1 });
    await store.setPasswordHash('usr_a', 'h2', 'keep', event('password_changed'));
    assert.ok(await store.getSession('keep'));
    assert.equal(await store.getSession('drop'), null);
    assert.equal(await store.getChallenge('ch'), null);
    assert.equal((await store.getUser('usr_a'))!.passwordHash, 'h2');
    assert.equal(await store.deleteUser('usr_a', event('user_deleted')), true);
    assert.equal(await store.getSession('keep'), null);
    assert.equal(await store.deleteUser('usr_a', event('user_deleted')), false);
    await store.close();
  });

  test(`${name}: sessions record activity and re-authentication`, async () => {
    const store = await seeded();
    await store.createSession(session('s', 'usr_a'), null);
    await store.touchSession('s', 'usr_a', t0 + 500);
    await store.setSessionReauth('s', t0 + 600, true);
    const s = (await store.getSession('s'))!;
    assert.deepEqual([s.lastSeenAt, s.reauthAt, s.reauthSecondFactor], [t0 + 500, t0 + 600, true]);
    assert.equal((await store.getUser('usr_a'))!.lastActiveAt, t0 + 500);
    await store.deleteSession('s');
    assert.equal(await store.getSession('s'), null);
    await store.close();
  });

  test(`${name}: users list by username within one organization, with paging and search`, async () => {
    const store = await seeded();
    await store.createOrganization(org('org_b'), user('usr_b', 'bravo', 'org_b', 'root'));
    for (const name of ['carol', 'dave', 'erin']) await store.createUser(user(`usr_${name}`, name), event('user_created'));
    const page = await store.listUsers('org_a', { afterUsername: null, limit: 2, contains: null });
    assert.deepEqual(page.map((u) => u.username), ['alice', 'carol']);
    const next = await store.listUsers('org_a', { afterUsername: 'carol', limit: 10, contains: null });
    assert.deepEqual(next.map((u) => u.username), ['dave', 'erin', 'root']);
    const search = await store.listUsers('org_a', { afterUsername: null, limit: 10, contains: 'r' });
    assert.deepEqual(search.map((u) => u.username), ['carol', 'erin', 'root']);
    const literal = await store.listUsers('org_a', { afterUsername: null, limit: 10, contains: '%' });
    assert.deepEqual(literal, [], 'search text is literal, not a pattern');
    await store.close();
  });

  test(`${name}: attempts are reserved atomically and paced by the rule`, async () => {
    const store = await seeded();
    const decisions = await Promise.all(Array.from({ length: 8 }, () => store.reserveAttempt('k', t0, throttleRule)));
    assert.equal(decisions.filter((d) => d.allowed).length, throttleRule.freeAttempts);
    const denied = decisions.find((d) => !d.allowed);
    assert.deepEqual(denied, { allowed: false, retryAfterMs: throttleRule.baseDelayMs });
    assert.equal((await store.reserveAttempt('other', t0, throttleRule)).allowed, true, 'keys are separate');
    assert.equal((await store.reserveAttempt('k', t0 + throttleRule.forgetAfterMs, throttleRule)).allowed, true, 'old failures are forgotten');
    await store.clearAttempts('k');
    assert.equal((await store.reserveAttempt('k', t0, throttleRule)).allowed, true);
    await store.close();
  });

  test(`${name}: events are kept per organization, newest first, and outlive their users`, async () => {
    const store = await seeded();
    await store.appendEvent(event('login_failed'));
    await store.appendEvent(event('login_succeeded', 'org_b'));
    await store.deleteUser('usr_a', { ...event('user_deleted'), targetId: 'usr_a', targetUsername: 'alice' });
    const events = await store.listEvents('org_a', null, 10);
    assert.deepEqual(events.map((e) => e.type), ['user_deleted', 'login_failed', 'user_created']);
    assert.equal(events[0]!.targetUsername, 'alice');
    const older = await store.listEvents('org_a', events[0]!.id, 1);
    assert.deepEqual(older.map((e) => e.type), ['login_failed']);
    await store.close();
  });

  test(`${name}: pruning deletes expired challenges and sessions and forgotten counters, nothing live`, async () => {
    const store = await seeded();
    await store.createChallenge({ idHash: 'old', userId: 'usr_a', kind: 'mfa', pendingSecretSealed: null, tokenType: 'cookie', failures: 0, expiresAt: t0 + 10 });
    await store.createChallenge({ idHash: 'new', userId: 'usr_a', kind: 'mfa', pendingSecretSealed: null, tokenType: 'cookie', failures: 0, expiresAt: t0 + 1000 });
    await store.createSession({ ...session('ended', 'usr_a'), expiresAt: t0 + 10 }, null);
    await store.createSession({ ...session('idle', 'usr_a'), lastSeenAt: t0 - 500, expiresAt: t0 + 10_000 }, null);
    await store.createSession({ ...session('live', 'usr_a'), lastSeenAt: t0 + 50, expiresAt: t0 + 10_000 }, null);
    await store.reserveAttempt('stale', t0 - 1000, throttleRule);
    await store.reserveAttempt('fresh', t0 + 50, throttleRule);
    const removed = await store.prune(t0 + 100, { idleMs: 500, forgetAfterMs: 1000 });
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

  test(`${name}: the organization policy is stored with its time`, async () => {
    const store = await seeded();
    const updated = await store.setEnforceMfa('org_a', true, t0 + 5, event('org_policy_changed'));
    assert.deepEqual([updated.enforceMfa, updated.policyUpdatedAt], [true, t0 + 5]);
    assert.equal((await store.getOrganization('org_a'))!.enforceMfa, true);
    await store.close();
  });
}
