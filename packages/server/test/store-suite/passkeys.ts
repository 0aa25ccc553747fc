import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.ts';
import { event, session, challenge, passkey, seed, t0, anyUser, type SuiteTest, policy } from './fixtures.ts';

export function passkeysSuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  const seeded = () => seed(open);

  test(`${name}: a passkey turns MFA on; the first comes with codes and upgrades its session; a credential registers once`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null, anyUser);
    assert.equal(
      await store.addPasskey(
        passkey('pk_1', 'cred-1'),
        { session: 'missing', first: { recoveryCodeHashes: ['c1'] } },
        event('passkey_added'),
      ),
      'changed',
      'the session is gone',
    );
    assert.equal(
      await store.addPasskey(passkey('pk_1', 'cred-1'), { session: 's1', first: null }, event('passkey_added')),
      'changed',
      'authorized beside a factor the user does not have',
    );
    assert.deepEqual(await store.listPasskeys('usr_a'), [], 'nothing half-added');
    assert.equal(
      await store.addPasskey(
        passkey('pk_1', 'cred-1'),
        { session: 's1', first: { recoveryCodeHashes: ['c1', 'c2'] } },
        event('passkey_added'),
      ),
      'added',
    );
    const user = (await store.getUser('usr_a'))!;
    assert.deepEqual([user.mfaEnabled, user.passkeyCount], [true, 1]);
    assert.equal(await store.countRecoveryCodes('usr_a'), 2);
    const context = (await store.getSessionContext('s1'))!;
    assert.deepEqual(
      [context.session.mfaPassed, context.session.reauthSecondFactor, context.user.passkeyCount],
      [true, true, 1],
    );
    await store.createSession(session('s-root', 'usr_root'), null, anyUser);
    assert.equal(
      await store.addPasskey(
        passkey('pk_2', 'cred-1', 'usr_root'),
        { session: 's-root', first: { recoveryCodeHashes: [] } },
        event('passkey_added'),
      ),
      'duplicate',
      'that credential is registered already',
    );
    assert.equal(
      await store.addPasskey(
        passkey('pk_3', 'cred-3'),
        { session: 's1', first: { recoveryCodeHashes: ['c9'] } },
        event('passkey_added'),
      ),
      'changed',
      'authorized as the first, but one is linked',
    );
    assert.equal(
      await store.addPasskey(passkey('pk_3', 'cred-3'), { session: 's1', first: null }, event('passkey_added')),
      'added',
    );
    assert.equal(await store.countRecoveryCodes('usr_a'), 2, 'a second factor brings no codes');
    assert.deepEqual((await store.listPasskeys('usr_a')).map((p) => p.id).sort(), ['pk_1', 'pk_3']);
    assert.equal((await store.findPasskeyByCredentialId('cred-3'))!.userId, 'usr_a');
    assert.equal(await store.renamePasskey('usr_root', 'pk_1', 'Mine'), null, "another user's passkey");
    assert.equal((await store.renamePasskey('usr_a', 'pk_1', 'Laptop'))!.name, 'Laptop');
    await store.close();
  });

  test(`${name}: a passkey's counter is claimed once and never goes back; a counter that stays 0 passes`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null, anyUser);
    await store.addPasskey(
      passkey('pk_1', 'cred-1'),
      { session: 's1', first: { recoveryCodeHashes: [] } },
      event('passkey_added'),
    );
    assert.equal(await store.usePasskey('pk_1', 0, t0), true, 'an authenticator that does not count');
    const claims = await Promise.all([store.usePasskey('pk_1', 5, t0 + 1), store.usePasskey('pk_1', 5, t0 + 1)]);
    assert.deepEqual(claims.sort(), [false, true]);
    assert.equal(await store.usePasskey('pk_1', 4, t0 + 2), false, 'behind: a clone');
    assert.equal(await store.usePasskey('pk_1', 0, t0 + 2), false, 'back to 0 after counting');
    assert.equal(await store.usePasskey('pk_1', 6, t0 + 3), true);
    assert.deepEqual(
      [(await store.listPasskeys('usr_a'))[0]!.counter, (await store.listPasskeys('usr_a'))[0]!.lastUsedAt],
      [6, t0 + 3],
    );
    await store.close();
  });

  test(`${name}: removing the last passkey can turn MFA off with its codes; unlinking MFA can remove every passkey`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null, anyUser);
    await store.addPasskey(
      passkey('pk_1', 'cred-1'),
      { session: 's1', first: { recoveryCodeHashes: ['c1'] } },
      event('passkey_added'),
    );
    await store.addPasskey(passkey('pk_2', 'cred-2'), { session: 's1', first: null }, event('passkey_added'));
    const lastOff = [event('mfa_disabled')];
    assert.equal(await store.removePasskey('usr_root', 'pk_1', lastOff, [event('passkey_removed')]), 'not_found');
    await store.setOrgPolicy('org_a', policy(true), t0, () => event('org_policy_changed'), 's1');
    assert.equal(
      await store.removePasskey('usr_a', 'pk_1', lastOff, [event('passkey_removed')]),
      'removed',
      'not the last',
    );
    assert.deepEqual(
      [
        (await store.getUser('usr_a'))!.mfaEnabled,
        await store.countRecoveryCodes('usr_a'),
        (await store.getSession('s1'))!.reauthSecondFactor,
      ],
      [true, 1, true],
    );
    assert.equal(await store.removePasskey('usr_a', 'pk_2', lastOff, [event('passkey_removed')]), 'mfa_enforced');
    assert.equal((await store.listPasskeys('usr_a')).length, 1, 'a refused removal changes nothing');
    await store.setOrgPolicy('org_a', policy(false), t0, () => event('org_policy_changed'), 's1');
    await store.notePasswordStrength('usr_a', 'h', false);
    assert.equal(
      await store.removePasskey('usr_a', 'pk_2', lastOff, [event('passkey_removed')]),
      'password_too_short',
      'read under the lock, not from the caller',
    );
    assert.equal(
      await store.unlinkMfa('usr_a', { disable: true, endSessions: false, passkeys: true }, event('mfa_disabled')),
      'password_too_short',
      'turning MFA off alike',
    );
    assert.equal((await store.listPasskeys('usr_a')).length, 1, 'a refused removal changes nothing');
    await store.notePasswordStrength('usr_a', 'h', true);
    assert.equal(await store.removePasskey('usr_a', 'pk_2', lastOff, [event('passkey_removed')]), 'last_removed');
    assert.deepEqual(
      [
        (await store.getUser('usr_a'))!.mfaEnabled,
        (await store.getUser('usr_a'))!.passkeyCount,
        await store.countRecoveryCodes('usr_a'),
      ],
      [false, 0, 0],
    );
    assert.equal((await store.getSession('s1'))!.reauthSecondFactor, false, 'no factor left to have confirmed with');

    await store.addPasskey(
      passkey('pk_3', 'cred-3'),
      { session: 's1', first: { recoveryCodeHashes: [] } },
      event('passkey_added'),
    );
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
      store.finishPasskeyEnrollment('ch1', passkey('pk_1', 'cred-1'), ['c1'], session('s1', 'usr_a', true), [
        event('passkey_added'),
      ]),
      store.finishPasskeyEnrollment('ch2', passkey('pk_2', 'cred-2'), ['c2'], session('s2', 'usr_a', true), [
        event('passkey_added'),
      ]),
    ]);
    assert.deepEqual(finishes.sort(), [false, true], 'one factor wins the race');
    assert.equal((await store.listPasskeys('usr_a')).length, 1);
    assert.equal(await store.getChallenge('ch1'), null);
    assert.equal(await store.getChallenge('ch2'), null, 'the loser is gone too');
    assert.equal(await store.countRecoveryCodes('usr_a'), 1);
    await store.close();
  });

  test(`${name}: a session's ceremony is replaced by a new one and taken once; a sign-in ceremony is spent once; both are pruned`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a'), null, anyUser);
    const ceremony = { purpose: 'register' as const, userId: 'usr_a', sessionHash: 's1', expiresAt: t0 + 100 };
    await store.createWebauthnChallenge({ ...ceremony, idHash: 'w1', challenge: 'first' });
    await store.createWebauthnChallenge({ ...ceremony, idHash: 'w2', challenge: 'second' });
    await store.createWebauthnChallenge({ ...ceremony, idHash: 'w3', purpose: 'reauth', challenge: 'reauth' });
    assert.equal(
      (await store.consumeWebauthnChallenge({ sessionHash: 's1', purpose: 'register' }))!.challenge,
      'second',
    );
    assert.equal(await store.consumeWebauthnChallenge({ sessionHash: 's1', purpose: 'register' }), null, 'single use');
    const spends = await Promise.all([
      store.spendWebauthnChallenge('ticket', t0 + 50),
      store.spendWebauthnChallenge('ticket', t0 + 50),
    ]);
    assert.deepEqual(spends.sort(), [false, true]);
    assert.ok((await store.prune(t0 + 200, { idleMs: 10_000, forgetAfterMs: 10_000, deliveriesKeptMs: 1 })) >= 2);
    assert.equal(
      await store.consumeWebauthnChallenge({ sessionHash: 's1', purpose: 'reauth' }),
      null,
      'expired and pruned',
    );
    assert.equal(await store.spendWebauthnChallenge('ticket', t0 + 300), true, 'forgotten once it expired');
    await store.close();
  });
}
