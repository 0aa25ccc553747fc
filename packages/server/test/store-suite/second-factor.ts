import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.ts';
import { event, session, challenge, link, seed, t0, anyUser, type SuiteTest } from './fixtures.ts';

export function secondFactorSuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  const seeded = () => seed(open);

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
    assert.equal(
      await store.replaceRecoveryCodes('usr_a', ['c1', 'c2'], event('recovery_codes_renewed')),
      false,
      'no authenticator linked',
    );
    assert.equal(
      await store.finishEnrollment('ch_missing', link('s', 1, ['c1']), { create: session('s0', 'usr_a') }, []),
      false,
    );
    await store.createChallenge(challenge('ch1', 'usr_a', 'enroll'));
    assert.equal(
      await store.finishEnrollment('ch1', link('s', 1, ['c1', 'c2']), { create: session('s1', 'usr_a') }, [
        event('mfa_enrolled'),
      ]),
      true,
    );
    assert.equal(await store.countRecoveryCodes('usr_a'), 2);
    const uses = await Promise.all([
      store.consumeRecoveryCode('usr_a', 'c1', event('recovery_code_used')),
      store.consumeRecoveryCode('usr_a', 'c1', event('recovery_code_used')),
    ]);
    assert.deepEqual(uses.sort(), [false, true]);
    assert.equal(await store.replaceRecoveryCodes('usr_a', ['c3'], event('recovery_codes_renewed')), true);
    assert.equal(await store.consumeRecoveryCode('usr_a', 'c2', event('recovery_code_used')), false);
    assert.equal(await store.countRecoveryCodes('usr_a'), 1);
    await store.close();
  });

  test(`${name}: an enrollment turns the switch on, ends the other challenges, and never replaces a linked authenticator`, async () => {
    const store = await seeded();
    for (const id of ['ch1', 'ch2'])
      await store.createChallenge(challenge(id, 'usr_a', 'enroll', { pendingSecretSealed: id }));
    assert.equal(
      await store.finishEnrollment('ch1', link('first', 1, ['c1']), { create: session('s1', 'usr_a', true) }, []),
      true,
    );
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
    await store.createSession(session('s1', 'usr_a'), null, anyUser);
    await store.createSession(session('s2', 'usr_a'), null, anyUser);
    await store.createChallenge(challenge('ch1', 'usr_a', 'enroll', { sessionHash: 's1' }));
    await store.createChallenge(
      challenge('ch2', 'usr_a', 'enroll', { sessionHash: 's1', pendingSecretSealed: 'newer' }),
    );
    assert.equal(await store.getChallenge('ch1'), null, 'a new start replaces the earlier one');
    assert.equal((await store.getSessionEnrollment('s1'))!.pendingSecretSealed, 'newer');
    assert.equal(await store.getSessionEnrollment('s2'), null);
    assert.equal(
      await store.finishEnrollment('ch2', link('newer', 5, ['c1']), { upgrade: 's1' }, [event('mfa_enrolled')]),
      true,
    );
    const upgraded = (await store.getSession('s1'))!;
    assert.deepEqual([upgraded.mfaPassed, upgraded.reauthSecondFactor, upgraded.reauthAt], [true, true, t0]);
    assert.equal(
      await store.getSession('s2'),
      null,
      'another session that never passed a second factor ended (rule 18a)',
    );
    // Ending a session takes its pending enrollment with it.
    await store.createSession(session('s3', 'usr_root'), null, anyUser);
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
    const finishes = await Promise.all([
      store.finishChallenge('ch', session('s1', 'usr_a'), event('login_succeeded')),
      store.finishChallenge('ch', session('s2', 'usr_a'), event('login_succeeded')),
    ]);
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
    await store.createSession(session('s0', 'usr_a', true), null, anyUser);
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
}
