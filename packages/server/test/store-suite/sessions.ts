import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.ts';
import { event, session, challenge, seed, t0, anyUser, type SuiteTest } from './fixtures.ts';

export function sessionsSuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  const seeded = () => seed(open);

  test(`${name}: password changes end other sessions and pending challenges; deleting a user ends all`, async () => {
    const store = await seeded();
    await store.createSession(session('keep', 'usr_a'), null, anyUser);
    await store.createSession(session('drop', 'usr_a'), null, anyUser);
    await store.createChallenge(challenge('ch', 'usr_a', 'mfa'));
    const change = (expectedHash: string, hash: string, keepSession: string | null) => ({
      expectedHash,
      hash,
      singleFactorOk: true,
      keepSession,
    });
    assert.equal(
      await store.replacePasswordHash('usr_a', change('stale', 'h2', 'keep'), event('password_changed')),
      'stale',
      'compare-and-set on the hash',
    );
    assert.equal(
      await store.replacePasswordHash('usr_a', change('h', 'h2', 'gone'), event('password_changed')),
      'stale',
      'the changing session must exist',
    );
    assert.ok(await store.getSession('drop'), 'a refused change ends nothing');
    const both = await Promise.all([
      store.replacePasswordHash('usr_a', change('h', 'h2', 'keep'), event('password_changed')),
      store.replacePasswordHash('usr_a', change('h', 'h3', 'keep'), event('password_changed')),
    ]);
    assert.deepEqual(both.sort(), ['replaced', 'stale'], 'two concurrent changes: one wins');
    assert.ok(await store.getSession('keep'));
    assert.equal(await store.getSession('drop'), null);
    assert.equal(await store.getChallenge('ch'), null);
    const changed = (await store.getUser('usr_a'))!;
    assert.ok(['h2', 'h3'].includes(changed.passwordHash));
    assert.equal(changed.passwordSingleFactorOk, true);
    await store.notePasswordStrength('usr_a', 'an older hash', false);
    assert.equal(
      (await store.getUser('usr_a'))!.passwordSingleFactorOk,
      true,
      'a note about another password changes nothing',
    );
    await store.notePasswordStrength('usr_a', changed.passwordHash, false);
    assert.equal((await store.getUser('usr_a'))!.passwordSingleFactorOk, false);
    assert.equal(
      await store.replacePasswordHash('usr_a', change(changed.passwordHash, 'h4', null), null),
      'replaced',
      'a rehash keeps sessions',
    );
    assert.ok(await store.getSession('keep'));
    assert.equal(await store.deleteUser('usr_a', event('user_deleted')), true);
    assert.equal(await store.getSession('keep'), null);
    assert.equal(await store.deleteUser('usr_a', event('user_deleted')), false);
    await store.close();
  });

  test(`${name}: sessions record activity and re-authentication`, async () => {
    const store = await seeded();
    await store.createSession(session('s', 'usr_a'), null, anyUser);
    assert.deepEqual((await store.getSessionContext('s'))!.session.amr, ['pwd'], 'how it signed in is kept');
    await store.touchSession('s', 'usr_a', t0 + 500);
    await store.setSessionReauth('s', t0 + 600, true, ['pwd', 'otp', 'mfa']);
    assert.deepEqual((await store.getSession('s'))!.amr, ['pwd', 'otp', 'mfa']);
    await store.setSessionReauth('s', t0 + 700, false, ['pwd']);
    const s = (await store.getSession('s'))!;
    assert.deepEqual(
      [s.lastSeenAt, s.reauthAt, s.reauthSecondFactor, s.mfaPassed, s.amr],
      [t0 + 500, t0 + 700, false, true, ['pwd']],
      'passing MFA once stays passed; the methods are the last ones',
    );
    assert.equal((await store.getUser('usr_a'))!.lastActiveAt, t0 + 500);
    await store.deleteSession('s');
    assert.equal(await store.getSession('s'), null);
    await store.close();
  });
}
