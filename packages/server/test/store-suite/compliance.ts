import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.ts';
import { anyUser, event, org, passkey, session, user, type SuiteTest } from './fixtures.ts';

export function complianceSuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  test(`${name}: members are counted and listed by second factor: a passkey, the app only, none`, async () => {
    const store = await open();
    await store.createOrganization(org('org_a'), user('usr_root', 'root-a', 'org_a', 'root'));
    await store.createOrganization(org('org_b'), user('usr_other', 'other-b', 'org_b', 'root'));
    await store.createUser({ ...user('usr_app', 'app-user'), totpSecretSealed: 'sealed' }, event('user_created'));
    await store.createUser({ ...user('usr_both', 'both-user'), totpSecretSealed: 'sealed' }, event('user_created'));
    await store.createUser(user('usr_key', 'key-user'), event('user_created'));
    await store.createUser(user('usr_none', 'none-user'), event('user_created'));
    // key-user's first passkey is its first factor (it brings recovery codes); the others are not.
    for (const [id, owner, first] of [
      ['pk_1', 'usr_both', false],
      ['pk_2', 'usr_key', true],
      ['pk_3', 'usr_key', false],
    ] as const) {
      await store.createSession(session(`s-${id}`, owner, true), null, anyUser);
      const added = await store.addPasskey(
        passkey(id, `cred-${id}`, owner),
        { session: `s-${id}`, first: first ? { recoveryCodeHashes: ['h'] } : null },
        event('passkey_added'),
      );
      assert.equal(added, 'added', id);
    }
    assert.deepEqual(await store.countMfa('org_a'), { members: 5, withPasskey: 2, appOnly: 1, withoutFactor: 2 });
    assert.deepEqual(await store.countMfa('org_b'), { members: 1, withPasskey: 0, appOnly: 0, withoutFactor: 1 });
    const names = async (mfa: 'none' | 'app' | 'passkey', afterUsername: string | null = null, limit = 10) =>
      (await store.listUsers('org_a', { afterUsername, limit, contains: null, mfa })).map((u) => u.username);
    assert.deepEqual(await names('passkey'), ['both-user', 'key-user']);
    assert.deepEqual(await names('app'), ['app-user']);
    assert.deepEqual(await names('none'), ['none-user', 'root-a']);
    assert.deepEqual(await names('none', null, 1), ['none-user'], 'paged');
    assert.deepEqual(await names('none', 'none-user', 1), ['root-a'], 'after the cursor');
    assert.equal((await store.listUsers('org_a', { afterUsername: null, limit: 10, contains: null })).length, 5);
  });
}
