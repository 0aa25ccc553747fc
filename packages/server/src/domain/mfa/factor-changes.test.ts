import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { totpCode } from '../../crypto/totp.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { createSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { dropFreshSchemas } from '../../../test/support/postgres.ts';
import { everyStore } from '../../../test/support/stores.ts';
import type { Store } from '../../store/store.ts';
import { harness, password, type Harness } from '../../../test/support/harness.ts';
import { authenticator, registerPasskey } from '../../../test/support/passkeys.ts';

/**
 * The rule: any change to a user's factors ends every login and enrollment challenge of theirs
 * that was pending, and an enrollment finishes only while the user has no factor at all. Each
 * path that adds or removes a factor is tried against a challenge someone who knows only the
 * password got before it, answered afterwards with a code that would otherwise be right.
 */

const stores: Array<[string, () => Store]> = [
  ['memory', createMemoryStore],
  ['sqlite', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'portcullis-factors-')), 'test.db'))],
];

/** Bob with MFA on and nothing linked yet, signed in: what an attacker's password-only login meets. */
async function bobRequiredNothingLinked(h: Harness): Promise<string> {
  const token = await h.signIn('bob');
  assert.equal((await h.request(endpoints.setMfaEnabled, { token, body: { enabled: true } })).status, 200);
  return token;
}

/** The attacker's sign-in with the password alone: the challenge it is left holding. */
async function attackerLogin(h: Harness) {
  const login = await h.request(endpoints.login, { body: { username: 'bob', password, tokenType: 'bearer' } });
  assert.equal(login.status, 200, login.text);
  return login.body as {
    status: string;
    challenge: { id: string };
    enrollment?: { secret: string };
    passkeyOptions?: { challenge: string };
  };
}

for (const [storeName, make] of stores) {
  test(`${storeName}: A1: an enrollment offered before the victim added a passkey cannot be finished afterwards`, async () => {
    const h = await harness({ store: make() });
    const victim = await bobRequiredNothingLinked(h);
    const stolen = await attackerLogin(h);
    assert.equal(stolen.status, 'mfa_setup_required');
    const { reply } = await registerPasskey(h, victim, 'Phone');
    assert.equal(reply.status, 200, reply.text);
    const victimCodes: string[] = reply.body.recoveryCodes;

    const code = await totpCode(stolen.enrollment!.secret, h.clock.now());
    const answer = await h.request(endpoints.completeMfa, { body: { challengeId: stolen.challenge.id, code } });
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.body.code, 'challenge_expired');
    assert.equal(answer.body.recoveryCodes, undefined);
    const me = (await h.request(endpoints.me, { token: victim })).body;
    assert.deepEqual(
      [me.mfa.authenticatorApp, me.mfa.passkeys, me.mfa.recoveryCodesLeft],
      [false, 1, 10],
      "the attacker's app is not linked, the victim's codes stand",
    );
    assert.equal(
      (await h.request(endpoints.sessions, { token: victim })).body.items.length,
      1,
      'no session for the attacker',
    );
    assert.equal(
      (await h.request(endpoints.reauthenticate, { token: victim, body: { password, code: victimCodes[0] } })).body
        .secondFactor,
      true,
    );
  });
}

interface FactorPath {
  name: string;
  /** The state before: answers the victim's session and what the attacker's login gives. */
  before(h: Harness): Promise<string>;
  change(h: Harness, victim: string): Promise<void>;
}

const expectOk = (reply: { status: number; text: string }) => assert.ok(reply.status < 300, reply.text);

const paths: FactorPath[] = [
  {
    name: 'the app linked with "Set up now"',
    before: bobRequiredNothingLinked,
    async change(h, victim) {
      const started = await h.request(endpoints.startEnrollment, { token: victim });
      expectOk(
        await h.request(endpoints.confirmEnrollment, {
          token: victim,
          body: { code: await totpCode(started.body.secret, h.clock.now()) },
        }),
      );
    },
  },
  {
    name: 'the app linked by another sign-in',
    before: bobRequiredNothingLinked,
    async change(h) {
      await h.signIn('bob');
    },
  },
  {
    name: 'a second passkey added',
    before: (h) => h.withMfa('bob'),
    async change(h, victim) {
      expectOk((await registerPasskey(h, victim)).reply);
    },
  },
  {
    name: 'a passkey removed',
    async before(h) {
      const token = await h.withMfa('bob');
      expectOk((await registerPasskey(h, token)).reply);
      return token;
    },
    async change(h, victim) {
      const [passkey] = (await h.request(endpoints.passkeys, { token: victim })).body.items;
      expectOk(await h.request(endpoints.removePasskey, { params: { id: passkey!.id }, token: victim }));
    },
  },
  {
    name: 'MFA reset by its owner',
    before: (h) => h.withMfa('bob'),
    async change(h, victim) {
      expectOk(await h.request(endpoints.resetMfa, { token: victim }));
    },
  },
  {
    name: 'MFA reset by the root',
    before: (h) => h.withMfa('bob'),
    async change(h) {
      expectOk(
        await h.request(endpoints.resetUserMfa, {
          params: { id: h.users.bob!.id },
          token: await h.signIn('root-user'),
        }),
      );
    },
  },
  {
    name: 'MFA turned off',
    before: (h) => h.withMfa('bob'),
    async change(h, victim) {
      expectOk(await h.request(endpoints.setMfaEnabled, { token: victim, body: { enabled: false } }));
    },
  },
];

for (const path of paths) {
  test(`a change of factors ends the challenges pending before it: ${path.name}`, async () => {
    const h = await harness();
    const victim = await path.before(h);
    const stolen = await attackerLogin(h);
    assert.notEqual(stolen.status, 'authenticated');
    await path.change(h, victim);
    // A code that would be right for what the challenge was issued for.
    const code = stolen.enrollment ? await totpCode(stolen.enrollment.secret, h.clock.now()) : await h.nextCode('bob');
    const answer = await h.request(endpoints.completeMfa, { body: { challengeId: stolen.challenge.id, code } });
    assert.equal(answer.body.code, 'challenge_expired', answer.text);
  });
}

test('the enrollment at login answered with a passkey ends the other pending challenges', async () => {
  const h = await harness();
  await bobRequiredNothingLinked(h);
  const stolen = await attackerLogin(h);
  const mine = await attackerLogin(h);
  const { response } = await authenticator.register({ challenge: mine.passkeyOptions!.challenge });
  expectOk(await h.request(endpoints.completeMfa, { body: { challengeId: mine.challenge.id, webauthn: response } }));
  const code = await totpCode(stolen.enrollment!.secret, h.clock.now());
  assert.equal(
    (await h.request(endpoints.completeMfa, { body: { challengeId: stolen.challenge.id, code } })).body.code,
    'challenge_expired',
  );
});

after(dropFreshSchemas);

for (const [name, make, skip] of everyStore('race').filter(([adapter]) => adapter !== 'memory')) {
  test(
    `${name}: U1: two parallel requests removing the last two passkeys under enforcement: one succeeds, one is refused`,
    { skip },
    async () => {
      const h = await harness({ store: await make() });
      const root = await h.withMfa('root-user');
      const bob = await h.signIn('bob');
      await registerPasskey(h, bob, 'One');
      await registerPasskey(h, bob, 'Two');
      assert.equal((await h.request(endpoints.setOrgPolicy, { token: root, body: { enforceMfa: true } })).status, 200);
      const passkeys = (await h.request(endpoints.passkeys, { token: bob })).body.items as Array<{ id: string }>;
      assert.equal(passkeys.length, 2);
      for (let round = 0; round < 3; round++) {
        const replies = await Promise.all(
          passkeys.map((p) => h.request(endpoints.removePasskey, { params: { id: p.id }, token: bob })),
        );
        const outcome = replies.map((r) => (r.status === 204 ? 'removed' : r.body.code)).sort();
        const left = (await h.request(endpoints.passkeys, { token: bob })).body.items.length;
        assert.ok(left >= 1, `round ${round}: ${JSON.stringify(outcome)} left ${left}`);
        if (round === 0) assert.deepEqual(outcome, ['mfa_enforced', 'removed']);
      }
      assert.equal(
        (await h.request(endpoints.me, { token: bob })).body.mfa.configured,
        true,
        'a factor is left under enforcement',
      );
      await h.store.close();
    },
  );
}
