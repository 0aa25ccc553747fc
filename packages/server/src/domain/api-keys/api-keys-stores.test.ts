import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { endpoints } from '@portcullis/sdk/contract';
import { apiKeyFor } from '../../../test/support/api-keys.ts';
import { harness } from '../../../test/support/harness.ts';
import { dropFreshSchemas } from '../../../test/support/postgres.ts';
import { everyStore } from '../../../test/support/stores.ts';

after(dropFreshSchemas);

for (const [name, make, skip] of everyStore('api-keys')) {
  test(
    `${name}: a key enforcing MFA has no session to keep: every password-only session ends, the root's too`,
    { skip },
    async () => {
      const store = await make();
      const h = await harness({ store });
      const alice = await h.signIn('alice');
      const root = await h.signIn('root-user');
      const { key } = await apiKeyFor(h);
      const reply = await h.request(endpoints.setOrgPolicy, { token: key, body: { enforceMfa: true } });
      assert.equal(reply.status, 200, reply.text);
      for (const token of [alice, root]) assert.equal((await h.request(endpoints.me, { token })).status, 401);
      const [event] = await store.listEvents(h.orgId, null, 1);
      assert.equal(event?.type, 'org_policy_changed');
      assert.match(event?.actorUsername ?? '', /^api_key:key_\S+ \(Provisioning\)$/);
      await store.close();
    },
  );
}
