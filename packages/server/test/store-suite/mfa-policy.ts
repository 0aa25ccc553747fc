import assert from 'node:assert/strict';
import type { OrganizationRecord, Store } from '../../src/store/store.ts';
import { anyUser, challenge, event, passkey, policy, seed, session, t0, type SuiteTest } from './fixtures.ts';

/** The MFA rollout policy (#30): a deadline, the phishing-resistant level, the change recorded with what it replaced. */
export function mfaPolicySuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  const deadline = t0 + 10 * 86_400_000;

  test(`${name}: the policy is replaced whole, and its event records the policy before and after`, async () => {
    const store = await seed(open);
    const seenBefore: OrganizationRecord[] = [];
    const change = (before: OrganizationRecord) => {
      seenBefore.push(before);
      return {
        ...event('org_policy_changed'),
        detail: { policy: { old: policy(before.enforceMfa), new: policy(true, deadline, true) } },
      };
    };
    assert.equal(
      await store.setOrgPolicy('org_a', policy(true, deadline, true), t0 + 1, change, null),
      'no_root_passkey',
      'passkeys only needs a root with a passkey',
    );
    assert.equal((await store.getOrganization('org_a'))!.enforceMfa, false, 'nothing changed');
    assert.equal((await store.listEvents('org_a', null, 50)).filter((e) => e.type === 'org_policy_changed').length, 0);
    seenBefore.length = 0;
    await store.createSession(session('root-s', 'usr_root', true), null, anyUser);
    const added = await store.addPasskey(
      passkey('pk_root', 'cred-root', 'usr_root'),
      { session: 'root-s', first: { recoveryCodeHashes: [] } },
      event('passkey_added'),
    );
    assert.equal(added, 'added');
    const set = await store.setOrgPolicy('org_a', policy(true, deadline, true), t0 + 1, change, null);
    assert.ok(typeof set === 'object');
    assert.deepEqual(
      [set.enforceMfa, set.mfaDeadline, set.phishingResistant, set.policyUpdatedAt],
      [true, deadline, true, t0 + 1],
    );
    const stored = await store.getOrganization('org_a');
    assert.deepEqual(
      [stored!.enforceMfa, stored!.mfaDeadline, stored!.phishingResistant, stored!.policyUpdatedAt],
      [true, deadline, true, t0 + 1],
    );
    assert.deepEqual(
      [seenBefore[0]!.enforceMfa, seenBefore[0]!.mfaDeadline, seenBefore[0]!.phishingResistant],
      [false, null, false],
      'the event is made from the policy it replaced',
    );
    await store.createSession(session('s1', 'usr_a'), null, anyUser);
    const context = await store.getSessionContext('s1');
    assert.deepEqual(
      [context!.org.enforceMfa, context!.org.mfaDeadline, context!.org.phishingResistant],
      [true, deadline, true],
      'every request reads the policy with its session',
    );
    const [recorded] = await store.listEvents('org_a', null, 1);
    assert.equal(recorded!.type, 'org_policy_changed');
    assert.deepEqual(recorded!.detail, { policy: { old: policy(false), new: policy(true, deadline, true) } });

    await store.setOrgPolicy('org_a', policy(false), t0 + 2, () => event('org_policy_changed'), null);
    const lifted = await store.getOrganization('org_a');
    assert.deepEqual([lifted!.enforceMfa, lifted!.mfaDeadline, lifted!.phishingResistant], [false, null, false]);
    const [plain] = await store.listEvents('org_a', null, 1);
    assert.equal(plain!.detail ?? null, null, 'an event without detail has none');
    await store.close();
  });

  test(`${name}: a deadline ahead ends nobody's session and lets a password-only sign-in in until it passes`, async () => {
    const store = await seed(open);
    for (const hash of ['root-own', 'alice-pw'])
      await store.createSession(session(hash, hash === 'root-own' ? 'usr_root' : 'usr_a'), null, anyUser);
    await store.setOrgPolicy('org_a', policy(true, deadline), t0, () => event('org_policy_changed'), 'root-own');
    assert.ok(await store.getSession('alice-pw'), 'a future deadline ends no session');
    const passwordOnly = (at: number) => ({ passwordHash: 'h', singleFactor: true, at });
    assert.equal(await store.createSession(session('before', 'usr_a'), null, passwordOnly(deadline - 1)), 'ok');
    assert.equal(
      await store.createSession(session('at', 'usr_a'), null, passwordOnly(deadline)),
      'mfa_required',
      'from the deadline on, the second factor is due',
    );
    assert.equal(await store.getSession('at'), null);

    // Enforcing at once (no deadline) ends every session that did not pass MFA but the one kept.
    await store.setOrgPolicy('org_a', policy(true), t0 + 1, () => event('org_policy_changed'), 'root-own');
    assert.deepEqual(
      [
        !!(await store.getSession('root-own')),
        !!(await store.getSession('alice-pw')),
        !!(await store.getSession('before')),
      ],
      [true, false, false],
    );
    assert.equal(await store.createSession(session('now', 'usr_a'), null, passwordOnly(t0 + 2)), 'mfa_required');
    await store.close();
  });

  test(`${name}: an answered MFA challenge is exchanged once for a passkey setup, which registers a passkey beside the app, once`, async () => {
    const store = await seed(open);
    await store.createChallenge(challenge('ch-mfa', 'usr_a', 'mfa'));
    const setup = challenge('ch-setup', 'usr_a', 'passkey_setup', { webauthnChallenge: 'w' });
    const [one, two] = await Promise.all([
      store.exchangeChallenge('ch-mfa', setup),
      store.exchangeChallenge('ch-mfa', { ...setup, idHash: 'ch-setup-2' }),
    ]);
    assert.deepEqual([one, two].sort(), [false, true], 'of two answers, one goes on');
    assert.equal(await store.getChallenge('ch-mfa'), null);
    const stored = (await store.getChallenge('ch-setup')) ?? (await store.getChallenge('ch-setup-2'));
    assert.equal(stored!.kind, 'passkey_setup');
    await store.createChallenge(challenge('ch-enroll', 'usr_a', 'enroll'));
    assert.equal(
      await store.exchangeChallenge('ch-enroll', { ...setup, idHash: 'ch-x' }),
      false,
      'only an MFA challenge is exchanged',
    );

    assert.equal(
      await store.finishPasskeySetup('ch-enroll', passkey('pk_x', 'cred-x'), session('never', 'usr_a', true), []),
      false,
      'only a passkey setup challenge registers a passkey here',
    );
    await store.createSession(session('pw-only', 'usr_a'), null, anyUser);
    const done = await store.finishPasskeySetup(
      stored!.idHash,
      passkey('pk_1', 'cred-1'),
      session('new', 'usr_a', true),
      [event('passkey_added'), event('login_succeeded')],
    );
    assert.equal(done, true);
    assert.equal((await store.getUser('usr_a'))!.passkeyCount, 1);
    assert.ok(await store.getSession('new'));
    assert.equal(await store.getSession('pw-only'), null, 'a single-factor session ends');
    assert.equal(await store.getChallenge('ch-enroll'), null, 'other pending challenges end');
    assert.equal(
      await store.finishPasskeySetup(stored!.idHash, passkey('pk_2', 'cred-2'), session('again', 'usr_a', true), []),
      false,
      'once',
    );
    assert.equal(await store.getSession('again'), null);
    await store.close();
  });
}
