import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.ts';
import { event, org, user, type SuiteTest } from './fixtures.ts';

export function userImportSuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  test(`${name}: an import creates every user with its event, or none when one name is taken`, async () => {
    const store = await open();
    await store.createOrganization(org('org_a'), user('usr_root', 'root-a', 'org_a', 'root'));
    await store.createUser(user('usr_taken', 'taken'), event('user_created'));
    assert.deepEqual((await store.takenUsernames(['free', 'taken', 'root-a'])).sort(), ['root-a', 'taken']);
    const eventsBefore = (await store.listEvents('org_a', null, 100)).length;

    const refused = await store.importUsers(
      [user('usr_1', 'first'), user('usr_2', 'taken'), user('usr_3', 'third')],
      [event('user_created'), event('user_created'), event('user_created')],
    );
    assert.equal(refused, 'conflict');
    assert.equal(await store.getUser('usr_1'), null, 'the rows before the taken one are rolled back');
    assert.equal((await store.listEvents('org_a', null, 100)).length, eventsBefore, 'and their events');
    assert.equal(
      await store.importUsers([user('usr_4', 'twice'), user('usr_5', 'twice')], [event('user_created')]),
      'conflict',
      'a name twice in one batch',
    );

    const batch = Array.from({ length: 600 }, (_, i) => user(`usr_b${i}`, `bulk-${i}`));
    assert.equal(
      await store.importUsers(
        batch,
        batch.map(() => event('user_created')),
      ),
      'created',
    );
    assert.equal((await store.takenUsernames(batch.map((u) => u.username))).length, 600, 'more than one slice');
    assert.equal((await store.getUser('usr_b599'))?.username, 'bulk-599');
    assert.equal((await store.listEvents('org_a', null, 1000)).length, eventsBefore + 600);
  });
}
