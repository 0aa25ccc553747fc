import assert from 'node:assert/strict';
import { test as nodeTest } from 'node:test';
import { throttleRule } from '../domain/throttle.ts';
import type { ChallengeRecord, NewSecurityEvent, OrganizationRecord, PasskeyRecord, SessionRecord, Store, UserRecord } from './store.ts';

const t0 = Date.UTC(2026, 0, 1);
const org = (id = 'org_a'): OrganizationRecord => ({ id, name: 'A', enforceMfa: false, policyUpdatedAt: t0, createdAt: t0 });
const user = (id: string, username: string, orgId = 'org_a', role: UserRecord['role'] = 'subuser'): UserRecord => ({
  id, orgId, username, role, passwordHash: 'h', passwordSingleFactorOk: true, mfaEnabled: false, totpSecretSealed: null, totpLastStep: null, passkeyCount: 0, createdAt: t0, lastActiveAt: null,
});
const event = (type: NewSecurityEvent['type'], orgId = 'org_a'): NewSecurityEvent => ({
  orgId, type, at: t0, actorId: null, actorUsername: null, targetId: null, targetUsername: null, clientAddress: null, reason: null,
});
const session = (tokenHash: string, userId: string, mfaPassed = false): SessionRecord => ({
  tokenHash, id: `ses_${tokenHash}`, userId, createdAt: t0, lastSeenAt: t0, expiresAt: t0 + 1000, reauthAt: t0, reauthSecondFactor: mfaPassed, mfaPassed,
  userAgent: 'Mozilla/5.0 (test)', clientAddress: '192.0.2.1',
});
const challenge = (idHash: string, userId: string, kind: ChallengeRecord['kind'], extra: Partial<ChallengeRecord> = {}): ChallengeRecord => ({
  idHash, userId, kind, pendingSecretSealed: kind === 'enroll' ? 's' : null, tokenType: 'cookie', failures: 0, expiresAt: t0 + 1, sessionHash: null, webauthnChallenge: null, ...extra,
});
const passkey = (id: string, credentialId: string, userId = 'usr_a'): PasskeyRecord => ({
  id, userId, credentialId, publicKey: 'pk', counter: 0, transports: ['internal'], name: id, createdAt: t0, lastUsedAt: null,
});
const link = (secretSealed: string, step: number, recoveryCodeHashes: string[]) => ({ userId: 'usr_a', secretSealed, step, recoveryCodeHashes });

/** One suite, run against every adapter: they must behave identically. */
export function storeSuite(name: string, open: () => Store | Promise<Store>, options: { skip?: string | false } = {}): void {
  const test = (title: string, fn: () => Promise<void>) => nodeTest(title, { skip: options.skip ?? false }, fn);
  async function seeded() {
    const store = await open();
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
    assert.equal(await store.finishEnrollment('ch_missing', link('s', 1, ['c1']), { create: session('s0', 'usr_a') }, []), false);
    await store.createChallenge(challenge('ch1', 'usr_a', 'enroll'));
    assert.equal(await store.finishEnrollment('ch1', link('s', 1, ['c1', 'c2']), { create: session('s1', 'usr_a') }, [event('mfa_enrolled')]), true);
    assert.equal(await store.countRecoveryCodes('usr_a'), 2);
    const uses = await Promise.all([store.consumeRecoveryCode('usr_a', 'c1', event('recovery_code_used')), store.consumeRecoveryCode('usr_a', 'c1', event('recovery_code_used'))]);
    assert.deepEqual(uses.sort(), [false, true]);
    assert.equal(await store.replaceRecoveryCodes('usr_a', ['c3'], event('recovery_codes_renewed')), true);
    assert.equal(await store.consumeRecoveryCode('usr_a', 'c2', event('recovery_code_used')), false);
    assert.equal(await store.countRecoveryCodes('usr_a'), 1);
    await store.close();
  });

  test(`${name}: an enrollment turns the switch on, ends the other challenges, and never replaces a linked authenticator`, async () => {
    const store = await seeded();
    for (const id of ['ch1', 'ch2']) await store.createChallenge(challenge(id, 'usr_a', 'enroll', { pendingSecretSealed: id }));
    assert.equal(await store.finishEnrollment('ch1', link('first', 1, ['c1']), { create: session('s1', 'usr_a', true) }, []), true);
    const enrolled = (await store.getUser('usr_a'))!;
    assert.deepEqual([enrolled.totpSecretSealed, enrolled.mfaEnabled], ['first', true]);
    assert.equal(await store.getChallenge('ch2'), null, "the user's other open challenges end with the enrollment");
    // A challenge that lost a race: refused, and gone rather than restored (better-auth #10923).
    await store.unlinkMfa('usr_a', { disable: false, endSessions: false }, event('mfa_reset_self'));
    await store.createChallenge(challenge('ch3', 'usr_a', 'enroll', { pendingSecretSealed: 'third' }));
    await store.createChallenge(challenge('ch4', 'usr_a', 'enroll', { pendingSecretSealed: 'fourth' }));
    const raced = await Promise.all([
      store.finishEnrollment('ch3', link('third', 3, ['c3']), { create: session('s3', 'usr_a', true) }, []),
      store.finishEnrollment('ch4', link('fourth', 4, ['c4']), { create: session('s4', 'usr_a', true) }, []),
    ]);
    assert.deepEqual(raced.sort(), [false, true]);
    const winner = (await store.getUser('usr_a'))!.totpSecretSealed;
    assert.ok(winner === 'third' || winner === 'fourth');
    assert.equal(await store.getChallenge('ch3'), null);
    assert.equal(await store.getChallenge('ch4'), null, 'the loser is deleted, not rolled back');
    assert.equal((await store.getSession('s3')) !== null, winner === 'third', 'only the winner signs in');
    await store.close();
  });

  test(`${name}: a "Set up now" enrollment belongs to its session, is replaced by a new start, and upgrades the session`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null);
    await store.createSession(session('s2', 'usr_a'), null);
    await store.createChallenge(challenge('ch1', 'usr_a', 'enroll', { sessionHash: 's1' }));
    await store.createChallenge(challenge('ch2', 'usr_a', 'enroll', { sessionHash: 's1', pendingSecretSealed: 'newer' }));
    assert.equal(await store.getChallenge('ch1'), null, 'a new start replaces the earlier one');
    assert.equal((await store.getSessionEnrollment('s1'))!.pendingSecretSealed, 'newer');
    assert.equal(await store.getSessionEnrollment('s2'), null);
    assert.equal(await store.finishEnrollment('ch2', link('newer', 5, ['c1']), { upgrade: 's1' }, [event('mfa_enrolled')]), true);
    const upgraded = (await store.getSession('s1'))!;
    assert.deepEqual([upgraded.mfaPassed, upgraded.reauthSecondFactor, upgraded.reauthAt], [true, true, t0]);
    assert.equal((await store.getSession('s2'))!.mfaPassed, false);
    // Ending a session takes its pending enrollment with it.
    await store.createSession(session('s3', 'usr_root'), null);
    await store.createChallenge(challenge('ch3', 'usr_root', 'enroll', { sessionHash: 's3' }));
    await store.deleteSession('s3');
    assert.equal(await store.getChallenge('ch3'), null);
    await store.close();
  });

  test(`${name}: a challenge is finished once and dies at its failure limit`, async () => {
    const store = await seeded();
    await store.createChallenge(challenge('ch', 'usr_a', 'mfa'));
    assert.equal(await store.failChallenge('ch', 3), 1);
    assert.equal((await store.getChallenge('ch'))!.failures, 1);
    const finishes = await Promise.all([store.finishChallenge('ch', session('s1', 'usr_a'), event('login_succeeded')), store.finishChallenge('ch', session('s2', 'usr_a'), event('login_succeeded'))]);
    assert.deepEqual(finishes.sort(), [false, true]);
    await store.createChallenge(challenge('ch2', 'usr_a', 'mfa'));
    await store.failChallenge('ch2', 2);
    assert.equal(await store.failChallenge('ch2', 2), 2);
    assert.equal(await store.getChallenge('ch2'), null);
    await store.close();
  });

  test(`${name}: unlinking MFA clears secret, replay state, codes, challenges and recent authentication; optionally sessions`, async () => {
    const store = await seeded();
    await store.createChallenge(challenge('ch1', 'usr_a', 'enroll'));
    await store.finishEnrollment('ch1', link('s', 7, ['c1']), { create: session('s1', 'usr_a', true) }, []);
    await store.createSession(session('s0', 'usr_a', true), null);
    await store.unlinkMfa('usr_a', { disable: false, endSessions: false }, event('mfa_reset_self'));
    const kept = (await store.getSession('s0'))!;
    assert.deepEqual([kept.reauthAt, kept.reauthSecondFactor], [0, false], 'a reset clears recent authentication');
    await store.createChallenge(challenge('ch0', 'usr_a', 'enroll'));
    await store.finishEnrollment('ch0', link('s', 7, ['c1']), { create: session('s5', 'usr_a', true) }, []);
    await store.createChallenge(challenge('ch2', 'usr_a', 'mfa'));
    await store.unlinkMfa('usr_a', { disable: false, endSessions: true }, event('mfa_reset_by_root'));
    const after = (await store.getUser('usr_a'))!;
    assert.deepEqual([after.totpSecretSealed, after.totpLastStep, after.mfaEnabled], [null, null, true]);
    assert.equal(await store.countRecoveryCodes('usr_a'), 0);
    assert.equal(await store.getChallenge('ch2'), null);
    assert.equal(await store.getSession('s5'), null);
    await store.unlinkMfa('usr_a', { disable: true, endSessions: false }, event('mfa_disabled'));
    assert.equal((await store.getUser('usr_a'))!.mfaEnabled, false);
    await store.close();
  });

  test(`${name}: password changes end other sessions and pending challenges; deleting a user ends all`, async () => {
    const store = await seeded();
    await store.createSession(session('keep', 'usr_a'), null);
    await store.createSession(session('drop', 'usr_a'), null);
    await store.createChallenge(challenge('ch', 'usr_a', 'mfa'));
    const change = (expectedHash: string, hash: string, keepSession: string | null) => ({ expectedHash, hash, singleFactorOk: false, keepSession });
    assert.equal(await store.replacePasswordHash('usr_a', change('stale', 'h2', 'keep'), event('password_changed')), false, 'compare-and-set on the hash');
    assert.equal(await store.replacePasswordHash('usr_a', change('h', 'h2', 'gone'), event('password_changed')), false, 'the changing session must exist');
    assert.ok(await store.getSession('drop'), 'a refused change ends nothing');
    const both = await Promise.all([
      store.replacePasswordHash('usr_a', change('h', 'h2', 'keep'), event('password_changed')),
      store.replacePasswordHash('usr_a', change('h', 'h3', 'keep'), event('password_changed')),
    ]);
    assert.deepEqual(both.sort(), [false, true], 'two concurrent changes: one wins');
    assert.ok(await store.getSession('keep'));
    assert.equal(await store.getSession('drop'), null);
    assert.equal(await store.getChallenge('ch'), null);
    const changed = (await store.getUser('usr_a'))!;
    assert.ok(['h2', 'h3'].includes(changed.passwordHash));
    assert.equal(changed.passwordSingleFactorOk, false);
    await store.notePasswordStrength('usr_a', true);
    assert.equal((await store.getUser('usr_a'))!.passwordSingleFactorOk, true);
    assert.equal(await store.replacePasswordHash('usr_a', change(changed.passwordHash, 'h4', null), null), true, 'a rehash keeps sessions');
    assert.ok(await store.getSession('keep'));
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
    await store.setSessionReauth('s', t0 + 700, false);
    const s = (await store.getSession('s'))!;
    assert.deepEqual([s.lastSeenAt, s.reauthAt, s.reauthSecondFactor, s.mfaPassed], [t0 + 500, t0 + 700, false, true], 'passing MFA once stays passed');
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
    assert.deepEqual(decisions.filter((d) => d.allowed).map((d) => d.allowed && d.failures).sort(), [1, 2, 3, 4, 5]);
    const denied = decisions.find((d) => !d.allowed);
    assert.deepEqual(denied, { allowed: false, retryAfterMs: throttleRule.baseDelayMs });
    assert.equal((await store.reserveAttempt('other', t0, throttleRule)).allowed, true, 'keys are separate');
    const later = t0 + throttleRule.forgetAfterMs;
    assert.deepEqual(await store.reserveAttempt('k', later, throttleRule), { allowed: true, failures: 1 }, 'old failures are forgotten');
    for (let i = 2; i <= throttleRule.freeAttempts; i++) await store.reserveAttempt('k', later, throttleRule);
    assert.equal((await store.reserveAttempt('k', later, throttleRule)).allowed, false);
    await store.releaseAttempt('k', throttleRule);
    assert.deepEqual(await store.reserveAttempt('k', later, throttleRule), { allowed: true, failures: throttleRule.freeAttempts }, 'a released attempt lifts the wait it caused');
    assert.equal((await store.reserveAttempt('k', later, throttleRule)).allowed, false);
    await store.clearAttempts('k');
    assert.equal((await store.reserveAttempt('k', t0, throttleRule)).allowed, true);
    // Another instance read its clock a moment earlier: no wait is owed, so none is found.
    await store.reserveAttempt('clocks', t0 + 10, throttleRule);
    assert.deepEqual(await store.reserveAttempt('clocks', t0, throttleRule), { allowed: true, failures: 2 });
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
    await store.createChallenge(challenge('old', 'usr_a', 'mfa', { expiresAt: t0 + 10 }));
    await store.createChallenge(challenge('new', 'usr_a', 'mfa', { expiresAt: t0 + 1000 }));
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

  test(`${name}: a passkey turns MFA on; the first comes with codes and upgrades its session; a credential registers once`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null);
    assert.equal(await store.addPasskey(passkey('pk_1', 'cred-1'), { session: 'missing', first: { recoveryCodeHashes: ['c1'] } }, event('passkey_added')), 'changed', 'the session is gone');
    assert.equal(await store.addPasskey(passkey('pk_1', 'cred-1'), { session: 's1', first: null }, event('passkey_added')), 'changed', 'authorized beside a factor the user does not have');
    assert.deepEqual(await store.listPasskeys('usr_a'), [], 'nothing half-added');
    assert.equal(await store.addPasskey(passkey('pk_1', 'cred-1'), { session: 's1', first: { recoveryCodeHashes: ['c1', 'c2'] } }, event('passkey_added')), 'added');
    const user = (await store.getUser('usr_a'))!;
    assert.deepEqual([user.mfaEnabled, user.passkeyCount], [true, 1]);
    assert.equal(await store.countRecoveryCodes('usr_a'), 2);
    const context = (await store.getSessionContext('s1'))!;
    assert.deepEqual([context.session.mfaPassed, context.session.reauthSecondFactor, context.user.passkeyCount], [true, true, 1]);
    await store.createSession(session('s-root', 'usr_root'), null);
    assert.equal(await store.addPasskey(passkey('pk_2', 'cred-1', 'usr_root'), { session: 's-root', first: { recoveryCodeHashes: [] } }, event('passkey_added')), 'duplicate', 'that credential is registered already');
    assert.equal(await store.addPasskey(passkey('pk_3', 'cred-3'), { session: 's1', first: { recoveryCodeHashes: ['c9'] } }, event('passkey_added')), 'changed', 'authorized as the first, but one is linked');
    assert.equal(await store.addPasskey(passkey('pk_3', 'cred-3'), { session: 's1', first: null }, event('passkey_added')), 'added');
    assert.equal(await store.countRecoveryCodes('usr_a'), 2, 'a second factor brings no codes');
    assert.deepEqual((await store.listPasskeys('usr_a')).map((p) => p.id).sort(), ['pk_1', 'pk_3']);
    assert.equal((await store.findPasskeyByCredentialId('cred-3'))!.userId, 'usr_a');
    assert.equal(await store.renamePasskey('usr_root', 'pk_1', 'Mine'), null, "another user's passkey");
    assert.equal((await store.renamePasskey('usr_a', 'pk_1', 'Laptop'))!.name, 'Laptop');
    await store.close();
  });

  test(`${name}: a passkey's counter is claimed once and never goes back; a counter that stays 0 passes`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null);
    await store.addPasskey(passkey('pk_1', 'cred-1'), { session: 's1', first: { recoveryCodeHashes: [] } }, event('passkey_added'));
    assert.equal(await store.usePasskey('pk_1', 0, t0), true, 'an authenticator that does not count');
    const claims = await Promise.all([store.usePasskey('pk_1', 5, t0 + 1), store.usePasskey('pk_1', 5, t0 + 1)]);
    assert.deepEqual(claims.sort(), [false, true]);
    assert.equal(await store.usePasskey('pk_1', 4, t0 + 2), false, 'behind: a clone');
    assert.equal(await store.usePasskey('pk_1', 0, t0 + 2), false, 'back to 0 after counting');
    assert.equal(await store.usePasskey('pk_1', 6, t0 + 3), true);
    assert.deepEqual([(await store.listPasskeys('usr_a'))[0]!.counter, (await store.listPasskeys('usr_a'))[0]!.lastUsedAt], [6, t0 + 3]);
    await store.close();
  });

  test(`${name}: removing the last passkey can turn MFA off with its codes; unlinking MFA can remove every passkey`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null);
    await store.addPasskey(passkey('pk_1', 'cred-1'), { session: 's1', first: { recoveryCodeHashes: ['c1'] } }, event('passkey_added'));
    await store.addPasskey(passkey('pk_2', 'cred-2'), { session: 's1', first: null }, event('passkey_added'));
    const lastOff = { allowed: true, events: [event('mfa_disabled')] };
    assert.equal(await store.removePasskey('usr_root', 'pk_1', lastOff, [event('passkey_removed')]), 'not_found');
    assert.equal(await store.removePasskey('usr_a', 'pk_1', { allowed: false, events: [] }, [event('passkey_removed')]), 'removed', 'not the last');
    assert.deepEqual([(await store.getUser('usr_a'))!.mfaEnabled, await store.countRecoveryCodes('usr_a'), (await store.getSession('s1'))!.reauthSecondFactor], [true, 1, true]);
    assert.equal(await store.removePasskey('usr_a', 'pk_2', { allowed: false, events: [] }, [event('passkey_removed')]), 'last_refused');
    assert.equal((await store.listPasskeys('usr_a')).length, 1, 'a refused removal changes nothing');
    assert.equal(await store.removePasskey('usr_a', 'pk_2', lastOff, [event('passkey_removed')]), 'last_removed');
    assert.deepEqual([(await store.getUser('usr_a'))!.mfaEnabled, (await store.getUser('usr_a'))!.passkeyCount, await store.countRecoveryCodes('usr_a')], [false, 0, 0]);
    assert.equal((await store.getSession('s1'))!.reauthSecondFactor, false, 'no factor left to have confirmed with');

    await store.addPasskey(passkey('pk_3', 'cred-3'), { session: 's1', first: { recoveryCodeHashes: [] } }, event('passkey_added'));
    await store.unlinkMfa('usr_a', { disable: false, endSessions: false }, event('mfa_reset_self'));
    assert.equal((await store.listPasskeys('usr_a')).length, 1, 'a reset of the app keeps passkeys');
    await store.unlinkMfa('usr_a', { disable: true, endSessions: false, passkeys: true }, event('mfa_disabled'));
    assert.deepEqual(await store.listPasskeys('usr_a'), []);
    assert.equal(await store.findPasskeyByCredentialId('cred-3'), null);
    await store.close();
  });

  test(`${name}: an enrollment at login answered with a passkey is finished once, and never beside a linked factor`, async () => {
    const store = await seeded();
    await store.createChallenge(challenge('ch1', 'usr_a', 'enroll', { webauthnChallenge: 'w1' }));
    await store.createChallenge(challenge('ch2', 'usr_a', 'enroll', { webauthnChallenge: 'w2' }));
    const finishes = await Promise.all([
      store.finishPasskeyEnrollment('ch1', passkey('pk_1', 'cred-1'), ['c1'], session('s1', 'usr_a', true), [event('passkey_added')]),
      store.finishPasskeyEnrollment('ch2', passkey('pk_2', 'cred-2'), ['c2'], session('s2', 'usr_a', true), [event('passkey_added')]),
    ]);
    assert.deepEqual(finishes.sort(), [false, true], 'one factor wins the race');
    assert.equal((await store.listPasskeys('usr_a')).length, 1);
    assert.equal(await store.getChallenge('ch1'), null);
    assert.equal(await store.getChallenge('ch2'), null, 'the loser is gone too');
    assert.equal(await store.countRecoveryCodes('usr_a'), 1);
    await store.close();
  });

  test(`${name}: a new passkey ends the pending login and enrollment challenges, and an old enrollment cannot add the app beside it`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null);
    // The attacker's enrollment, offered at login to whoever had the password (A1), and a "Set up now" one.
    await store.createChallenge(challenge('stolen', 'usr_a', 'enroll', { pendingSecretSealed: 'attacker' }));
    await store.createChallenge(challenge('setup-now', 'usr_a', 'enroll', { pendingSecretSealed: 'mine', sessionHash: 's1' }));
    assert.equal(await store.addPasskey(passkey('pk_1', 'cred-1'), { session: 's1', first: { recoveryCodeHashes: ['victim'] } }, event('passkey_added')), 'added');
    assert.equal(await store.getChallenge('stolen'), null, 'the login enrollment ended with the new factor');
    assert.equal(await store.getChallenge('setup-now'), null, 'the session enrollment too');
    // Even a challenge the store still held would not finish: the user has a factor now.
    await store.createChallenge(challenge('late', 'usr_a', 'enroll', { pendingSecretSealed: 'attacker' }));
    assert.equal(await store.finishEnrollment('late', link('attacker', 1, ['attacker-code']), { create: session('s-attacker', 'usr_a', true) }, [event('mfa_enrolled')]), false);
    assert.equal(await store.getChallenge('late'), null, 'gone, not restored');
    assert.equal(await store.getSession('s-attacker'), null, 'no session for the attacker');
    assert.equal((await store.getUser('usr_a'))!.totpSecretSealed, null, 'no app linked');
    assert.equal(await store.consumeRecoveryCode('usr_a', 'victim', event('recovery_code_used')), true, "the victim's codes still work");
    await store.createChallenge(challenge('late-pk', 'usr_a', 'enroll', { webauthnChallenge: 'w' }));
    assert.equal(await store.finishPasskeyEnrollment('late-pk', passkey('pk_2', 'cred-2'), ['x'], session('s2', 'usr_a', true), []), false, 'nor a passkey enrollment');
    // Removing a factor ends pending challenges too.
    await store.addPasskey(passkey('pk_3', 'cred-3'), { session: 's1', first: null }, event('passkey_added'));
    await store.createChallenge(challenge('mfa-step', 'usr_a', 'mfa'));
    assert.equal(await store.removePasskey('usr_a', 'pk_3', { allowed: true, events: [] }, [event('passkey_removed')]), 'removed');
    assert.equal(await store.getChallenge('mfa-step'), null, 'an MFA step issued before the removal ended');
    await store.createChallenge(challenge('mfa-step-2', 'usr_a', 'mfa'));
    await store.unlinkMfa('usr_a', { disable: false, endSessions: false, passkeys: true }, event('mfa_reset_by_root'));
    assert.equal(await store.getChallenge('mfa-step-2'), null, 'a reset ends them');
    await store.close();
  });

  test(`${name}: two removals of the last two factors at once, where the last may not go: exactly one succeeds (U1)`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null);
    await store.addPasskey(passkey('pk_1', 'cred-1'), { session: 's1', first: { recoveryCodeHashes: ['c1'] } }, event('passkey_added'));
    await store.addPasskey(passkey('pk_2', 'cred-2'), { session: 's1', first: null }, event('passkey_added'));
    const refuseLast = { allowed: false, events: [] };
    const results = await Promise.all([
      store.removePasskey('usr_a', 'pk_1', refuseLast, [event('passkey_removed')]),
      store.removePasskey('usr_a', 'pk_2', refuseLast, [event('passkey_removed')]),
    ]);
    assert.deepEqual(results.sort(), ['last_refused', 'removed']);
    assert.equal((await store.listPasskeys('usr_a')).length, 1, 'one factor is left');
    assert.equal((await store.getUser('usr_a'))!.mfaEnabled, true);
    await store.close();
  });

  test(`${name}: a first passkey and an app enrollment finishing at once: one becomes the first factor, and its codes stay (U2)`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null);
    await store.createChallenge(challenge('enroll', 'usr_a', 'enroll', { pendingSecretSealed: 'app' }));
    const [asPasskey, asApp] = await Promise.all([
      store.addPasskey(passkey('pk_1', 'cred-1'), { session: 's1', first: { recoveryCodeHashes: ['pk-code'] } }, event('passkey_added')),
      store.finishEnrollment('enroll', link('app', 1, ['app-code']), { create: session('s2', 'usr_a', true) }, [event('mfa_enrolled')]),
    ]);
    assert.notEqual(asPasskey === 'added', asApp, 'exactly one of them links a first factor');
    const user = (await store.getUser('usr_a'))!;
    const winnerCode = asApp ? 'app-code' : 'pk-code';
    assert.deepEqual([user.totpSecretSealed !== null, user.passkeyCount], asApp ? [true, 0] : [false, 1]);
    assert.equal(await store.countRecoveryCodes('usr_a'), 1);
    assert.equal(await store.consumeRecoveryCode('usr_a', winnerCode, event('recovery_code_used')), true, "the winner's codes were not replaced");
    await store.close();
  });

  test(`${name}: a session's ceremony is replaced by a new one and taken once; a sign-in ceremony is spent once; both are pruned`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null);
    const ceremony = { purpose: 'register' as const, userId: 'usr_a', sessionHash: 's1', expiresAt: t0 + 100 };
    await store.createWebauthnChallenge({ ...ceremony, idHash: 'w1', challenge: 'first' });
    await store.createWebauthnChallenge({ ...ceremony, idHash: 'w2', challenge: 'second' });
    await store.createWebauthnChallenge({ ...ceremony, idHash: 'w3', purpose: 'reauth', challenge: 'reauth' });
    assert.equal((await store.consumeWebauthnChallenge({ sessionHash: 's1', purpose: 'register' }))!.challenge, 'second');
    assert.equal(await store.consumeWebauthnChallenge({ sessionHash: 's1', purpose: 'register' }), null, 'single use');
    const spends = await Promise.all([store.spendWebauthnChallenge('ticket', t0 + 50), store.spendWebauthnChallenge('ticket', t0 + 50)]);
    assert.deepEqual(spends.sort(), [false, true]);
    assert.ok((await store.prune(t0 + 200, { idleMs: 10_000, forgetAfterMs: 10_000 })) >= 2);
    assert.equal(await store.consumeWebauthnChallenge({ sessionHash: 's1', purpose: 'reauth' }), null, 'expired and pruned');
    assert.equal(await store.spendWebauthnChallenge('ticket', t0 + 300), true, 'forgotten once it expired');
    await store.close();
  });

  test(`${name}: enforcing MFA ends the sessions that did not pass it, except the root's own; lifting ends none`, async () => {
    const store = await seeded();
    await store.createOrganization(org('org_b'), user('usr_b', 'bravo', 'org_b', 'root'));
    await store.createSession(session('root-own', 'usr_root'), null);
    await store.createSession(session('root-other', 'usr_root'), null);
    await store.createSession(session('alice-pw', 'usr_a'), null);
    await store.createSession(session('alice-mfa', 'usr_a', true), null);
    await store.createSession(session('other-org', 'usr_b'), null);
    const lifted = await store.setEnforceMfa('org_a', false, t0 + 1, event('org_policy_changed'), 'root-own');
    assert.equal(lifted.enforceMfa, false);
    assert.ok(await store.getSession('alice-pw'), 'lifting ends nothing');
    const updated = await store.setEnforceMfa('org_a', true, t0 + 5, event('org_policy_changed'), 'root-own');
    assert.deepEqual([updated.enforceMfa, updated.policyUpdatedAt], [true, t0 + 5]);
    assert.equal((await store.getOrganization('org_a'))!.enforceMfa, true);
    const left = await Promise.all(['root-own', 'root-other', 'alice-pw', 'alice-mfa', 'other-org'].map(async (s) => (await store.getSession(s)) !== null));
    assert.deepEqual(left, [true, false, false, true, true]);
    await store.close();
  });
}
