import assert from 'node:assert/strict';
import type { NewSecurityEvent, Store } from '../../src/store/store.ts';
import { event, session, challenge, passkey, link, seed, t0, anyUser, type SuiteTest, policy } from './fixtures.ts';

export function factorChangesSuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  const seeded = () => seed(open);

  test(`${name}: a new passkey ends the pending login and enrollment challenges, and an old enrollment cannot add the app beside it`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null, anyUser);
    // The attacker's enrollment, offered at login to whoever had the password (A1), and a "Set up now" one.
    await store.createChallenge(challenge('stolen', 'usr_a', 'enroll', { pendingSecretSealed: 'attacker' }));
    await store.createChallenge(
      challenge('setup-now', 'usr_a', 'enroll', { pendingSecretSealed: 'mine', sessionHash: 's1' }),
    );
    assert.equal(
      await store.addPasskey(
        passkey('pk_1', 'cred-1'),
        { session: 's1', first: { recoveryCodeHashes: ['victim'] } },
        event('passkey_added'),
      ),
      'added',
    );
    assert.equal(await store.getChallenge('stolen'), null, 'the login enrollment ended with the new factor');
    assert.equal(await store.getChallenge('setup-now'), null, 'the session enrollment too');
    // Even a challenge the store still held would not finish: the user has a factor now.
    await store.createChallenge(challenge('late', 'usr_a', 'enroll', { pendingSecretSealed: 'attacker' }));
    assert.equal(
      await store.finishEnrollment(
        'late',
        link('attacker', 1, ['attacker-code']),
        { create: session('s-attacker', 'usr_a', true) },
        [event('mfa_enrolled')],
      ),
      false,
    );
    assert.equal(await store.getChallenge('late'), null, 'gone, not restored');
    assert.equal(await store.getSession('s-attacker'), null, 'no session for the attacker');
    assert.equal((await store.getUser('usr_a'))!.totpSecretSealed, null, 'no app linked');
    assert.equal(
      await store.consumeRecoveryCode('usr_a', 'victim', event('recovery_code_used')),
      true,
      "the victim's codes still work",
    );
    await store.createChallenge(challenge('late-pk', 'usr_a', 'enroll', { webauthnChallenge: 'w' }));
    assert.equal(
      await store.finishPasskeyEnrollment(
        'late-pk',
        passkey('pk_2', 'cred-2'),
        ['x'],
        session('s2', 'usr_a', true),
        [],
      ),
      false,
      'nor a passkey enrollment',
    );
    // Removing a factor ends pending challenges too.
    await store.addPasskey(passkey('pk_3', 'cred-3'), { session: 's1', first: null }, event('passkey_added'));
    await store.createChallenge(challenge('mfa-step', 'usr_a', 'mfa'));
    assert.equal(await store.removePasskey('usr_a', 'pk_3', [], [event('passkey_removed')]), 'removed');
    assert.equal(await store.getChallenge('mfa-step'), null, 'an MFA step issued before the removal ended');
    await store.createChallenge(challenge('mfa-step-2', 'usr_a', 'mfa'));
    await store.unlinkMfa('usr_a', { disable: false, endSessions: false, passkeys: true }, event('mfa_reset_by_root'));
    assert.equal(await store.getChallenge('mfa-step-2'), null, 'a reset ends them');
    await store.close();
  });

  test(`${name}: two removals of the last two factors at once, where the last may not go: exactly one succeeds (U1)`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null, anyUser);
    await store.addPasskey(
      passkey('pk_1', 'cred-1'),
      { session: 's1', first: { recoveryCodeHashes: ['c1'] } },
      event('passkey_added'),
    );
    await store.addPasskey(passkey('pk_2', 'cred-2'), { session: 's1', first: null }, event('passkey_added'));
    await store.setOrgPolicy('org_a', policy(true), t0, () => event('org_policy_changed'), 's1');
    const refuseLast: NewSecurityEvent[] = [];
    const results = await Promise.all([
      store.removePasskey('usr_a', 'pk_1', refuseLast, [event('passkey_removed')]),
      store.removePasskey('usr_a', 'pk_2', refuseLast, [event('passkey_removed')]),
    ]);
    assert.deepEqual(results.sort(), ['mfa_enforced', 'removed']);
    assert.equal((await store.listPasskeys('usr_a')).length, 1, 'one factor is left');
    assert.equal((await store.getUser('usr_a'))!.mfaEnabled, true);
    await store.close();
  });

  test(`${name}: a first passkey and an app enrollment finishing at once: one becomes the first factor, and its codes stay (U2)`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null, anyUser);
    await store.createChallenge(challenge('enroll', 'usr_a', 'enroll', { pendingSecretSealed: 'app' }));
    const [asPasskey, asApp] = await Promise.all([
      store.addPasskey(
        passkey('pk_1', 'cred-1'),
        { session: 's1', first: { recoveryCodeHashes: ['pk-code'] } },
        event('passkey_added'),
      ),
      store.finishEnrollment('enroll', link('app', 1, ['app-code']), { create: session('s2', 'usr_a', true) }, [
        event('mfa_enrolled'),
      ]),
    ]);
    assert.notEqual(asPasskey === 'added', asApp, 'exactly one of them links a first factor');
    const user = (await store.getUser('usr_a'))!;
    const winnerCode = asApp ? 'app-code' : 'pk-code';
    assert.deepEqual([user.totpSecretSealed !== null, user.passkeyCount], asApp ? [true, 0] : [false, 1]);
    assert.equal(await store.countRecoveryCodes('usr_a'), 1);
    assert.equal(
      await store.consumeRecoveryCode('usr_a', winnerCode, event('recovery_code_used')),
      true,
      "the winner's codes were not replaced",
    );
    await store.close();
  });
}
