import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.ts';
import { event, session, challenge, passkey, link, seed, t0, anyUser, type SuiteTest, policy } from './fixtures.ts';

/** Security rule 18a: a session is only as strong as the sign-in that made it, decided in the store's transaction. */
export function signInBasisSuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  const seeded = () => seed(open);
  const passwordOnly = { passwordHash: 'h', singleFactor: true, at: t0 };

  test(`${name}: a sign-in's session or challenge is made only while what it decided on still holds`, async () => {
    const store = await seeded();
    assert.equal(
      await store.createSession(session('stale', 'usr_a'), event('login_succeeded'), {
        passwordHash: 'old',
        singleFactor: true,
        at: t0,
      }),
      'password_changed',
    );
    assert.equal(
      await store.createChallenge(challenge('ch-stale', 'usr_a', 'mfa'), {
        passwordHash: 'old',
        singleFactor: false,
        at: t0,
      }),
      'password_changed',
    );
    assert.equal(await store.createSession(session('nobody', 'usr_gone'), null, anyUser), 'user_gone');
    assert.equal(await store.createChallenge(challenge('ch-nobody', 'usr_gone', 'mfa'), anyUser), 'user_gone');
    await store.setMfaEnabled('usr_a', true, event('mfa_enabled'), null);
    assert.equal(
      await store.createSession(session('switch-on', 'usr_a'), null, passwordOnly),
      'mfa_required',
      'the user turned MFA on',
    );
    assert.equal(
      await store.createChallenge(challenge('ch-ok', 'usr_a', 'enroll'), {
        passwordHash: 'h',
        singleFactor: false,
        at: t0,
      }),
      'ok',
    );
    await store.setOrgPolicy('org_a', policy(true), t0, () => event('org_policy_changed'), 'none');
    assert.equal(
      await store.createSession(session('enforced', 'usr_root'), null, {
        passwordHash: 'h',
        singleFactor: true,
        at: t0,
      }),
      'mfa_required',
      'the organization enforces MFA',
    );
    assert.equal(
      await store.createSession(session('passed', 'usr_root', true), null, {
        passwordHash: 'h',
        singleFactor: false,
        at: t0,
      }),
      'ok',
    );
    for (const hash of ['stale', 'nobody', 'switch-on', 'enforced'])
      assert.equal(await store.getSession(hash), null, `${hash}: nothing written`);
    assert.equal(await store.getChallenge('ch-stale'), null);
    assert.ok(await store.getChallenge('ch-ok'));
    assert.equal(
      (await store.listEvents('org_a', null, 50)).filter((e) => e.type === 'login_succeeded').length,
      0,
      'no event for a refused session',
    );
    await store.close();
  });

  test(`${name}: turning MFA on or linking a factor ends the user's other sessions that did not pass a second factor`, async () => {
    const store = await seeded();
    const make = async (hash: string, mfaPassed = false) =>
      assert.equal(await store.createSession(session(hash, 'usr_a', mfaPassed), null, anyUser), 'ok');
    await make('own');
    await make('attacker');
    await make('passed', true);
    await store.setMfaEnabled('usr_a', true, event('mfa_enabled'), 'own');
    assert.deepEqual(
      [!!(await store.getSession('own')), !!(await store.getSession('attacker')), !!(await store.getSession('passed'))],
      [true, false, true],
    );

    await make('attacker-2');
    assert.equal(
      await store.addPasskey(
        passkey('pk_1', 'cred-1'),
        { session: 'own', first: { recoveryCodeHashes: [] } },
        event('passkey_added'),
      ),
      'added',
    );
    assert.equal(await store.getSession('attacker-2'), null, 'a first passkey');
    assert.equal((await store.getSession('own'))!.mfaPassed, true);
    await store.removePasskey('usr_a', 'pk_1', [], [event('passkey_removed')]);

    await make('attacker-3');
    await store.createChallenge(challenge('setup-now', 'usr_a', 'enroll', { sessionHash: 'own' }));
    assert.equal(
      await store.finishEnrollment('setup-now', link('app', 1, []), { upgrade: 'own' }, [event('mfa_enrolled')]),
      true,
    );
    assert.equal(await store.getSession('attacker-3'), null, '"Set up now"');
    await store.unlinkMfa('usr_a', { disable: false, endSessions: false }, event('mfa_reset_self'));

    await make('attacker-4');
    await store.createChallenge(challenge('at-login', 'usr_a', 'enroll'));
    assert.equal(
      await store.finishEnrollment('at-login', link('app', 1, []), { create: session('new', 'usr_a', true) }, [
        event('mfa_enrolled'),
      ]),
      true,
    );
    assert.equal(await store.getSession('attacker-4'), null, 'an enrollment at login');
    assert.ok(await store.getSession('new'));
    await store.unlinkMfa('usr_a', { disable: false, endSessions: false }, event('mfa_reset_self'));

    await make('attacker-5');
    await store.createChallenge(challenge('pk-login', 'usr_a', 'enroll', { webauthnChallenge: 'w' }));
    assert.equal(
      await store.finishPasskeyEnrollment(
        'pk-login',
        passkey('pk_2', 'cred-2'),
        [],
        session('new-2', 'usr_a', true),
        [],
      ),
      true,
    );
    assert.equal(await store.getSession('attacker-5'), null, 'a passkey enrollment at login');
    assert.ok(await store.getSession('own'), 'sessions that passed a second factor stay');
    await store.close();
  });

  test(`${name}: a short password is set only while a factor is linked, decided under the user's lock`, async () => {
    const store = await seeded();
    await store.createSession(session('s1', 'usr_a', true), null, anyUser);
    const short = { expectedHash: 'h', hash: 'h-short', singleFactorOk: false, keepSession: 's1' };
    assert.equal(await store.replacePasswordHash('usr_a', short, event('password_changed')), 'needs_factor');
    assert.equal((await store.getUser('usr_a'))!.passwordHash, 'h', 'nothing changed');
    await store.addPasskey(
      passkey('pk_1', 'cred-1'),
      { session: 's1', first: { recoveryCodeHashes: [] } },
      event('passkey_added'),
    );
    assert.equal(await store.replacePasswordHash('usr_a', short, event('password_changed')), 'replaced');
    assert.equal(
      await store.removePasskey('usr_a', 'pk_1', [], [event('passkey_removed')]),
      'password_too_short',
      'and then the last factor stays',
    );
    await store.close();
  });
}
