import assert from 'node:assert/strict';
import type { Store, WebhookRecord } from '../../src/store/store.ts';
import { event, org, seed, t0, user, type SuiteTest } from './fixtures.ts';

const hook = (id: string, extra: Partial<WebhookRecord> = {}): WebhookRecord => ({
  id,
  orgId: 'org_a',
  url: `https://hooks.example/${id}`,
  description: '',
  events: [],
  enabled: true,
  failingSince: null,
  secretSealed: 'sealed',
  previousSecretSealed: null,
  previousUntil: null,
  createdAt: t0,
  ...extra,
});

/** The outbox (#20): written with the change, leased once, in order per endpoint. */
export function webhooksSuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  test(`${name}: an event is queued for each enabled endpoint of its organization that hears its type, in its transaction`, async () => {
    const store = await seed(open);
    await store.createOrganization(org('org_b'), user('usr_b', 'bravo', 'org_b', 'root'));
    await store.createWebhook(hook('wh_all'), event('webhook_created'));
    await store.createWebhook(hook('wh_users', { events: ['user_created', 'user_deleted'] }), event('webhook_created'));
    await store.createWebhook(hook('wh_off', { enabled: false }), event('webhook_created'));
    await store.createWebhook(hook('wh_other', { orgId: 'org_b' }), event('webhook_created', 'org_b'));
    await store.appendEvent(event('login_failed'));
    await store.createUser(user('usr_c', 'carol'), {
      ...event('user_created'),
      targetId: 'usr_c',
      targetUsername: 'carol',
    });
    const types = async (id: string) => (await store.listDeliveries(id, 50)).map((d) => d.delivery.type).reverse();
    assert.deepEqual(
      await types('wh_all'),
      ['webhook_created', 'webhook_created', 'login_failed', 'user_created'],
      "the next two endpoints' creation, not its own",
    );
    assert.deepEqual(await types('wh_users'), ['user_created']);
    assert.deepEqual(await types('wh_off'), []);
    assert.deepEqual(await types('wh_other'), [], "only its own organization's");
    const [delivery] = await store.listDeliveries('wh_users', 1);
    const body = JSON.parse(delivery!.delivery.payload) as { type: string; data: Record<string, unknown> };
    assert.equal(body.type, 'user_created');
    assert.deepEqual(body.data.target, { id: 'usr_c', username: 'carol' });
    assert.equal(body.data.organizationId, 'org_a');

    // A change that rolls back (an import whose last name is taken) queues nothing.
    const before = (await store.listDeliveries('wh_users', 50)).length;
    const batch = [user('usr_d', 'dave'), user('usr_e', 'erin'), user('usr_x', 'carol')];
    const events = batch.map((u) => ({ ...event('user_created'), targetId: u.id, targetUsername: u.username }));
    assert.equal(await store.importUsers(batch, events), 'conflict');
    assert.equal((await store.listDeliveries('wh_users', 50)).length, before, 'nothing sent for a rolled-back change');
    assert.equal(await store.getUser('usr_d'), null);
    await store.close();
  });

  test(`${name}: due deliveries are leased once, the oldest per endpoint first; a lease that ran out is taken again`, async () => {
    const store = await seed(open);
    await store.createWebhook(hook('wh_1', { events: ['login_failed'] }), event('webhook_created'));
    await store.createWebhook(hook('wh_2', { events: ['login_failed'] }), event('webhook_created'));
    for (let i = 0; i < 3; i++) await store.appendEvent({ ...event('login_failed'), at: t0 + i });
    const first = await store.claimDeliveries(t0 + 10, t0 + 1000, 10);
    assert.deepEqual(
      first.map((c) => [c.webhook.id, c.delivery.attempts]),
      [
        ['wh_1', 0],
        ['wh_2', 0],
      ],
      'one per endpoint: the oldest',
    );
    assert.deepEqual(await store.claimDeliveries(t0 + 10, t0 + 1000, 10), [], 'leased: nobody else takes them');
    const [one, two] = first;
    await store.finishAttempt(
      one!.delivery,
      { deliveryId: one!.delivery.id, at: t0 + 11, status: 204, error: null, durationMs: 3, response: '' },
      { status: 'delivered' },
    );
    await store.finishAttempt(
      two!.delivery,
      { deliveryId: two!.delivery.id, at: t0 + 11, status: 500, error: null, durationMs: 3, response: 'oops' },
      { status: 'pending', nextAttemptAt: t0 + 500 },
    );
    const next = await store.claimDeliveries(t0 + 20, t0 + 1000, 10);
    assert.deepEqual(
      next.map((c) => [c.webhook.id, c.delivery.id > one!.delivery.id]),
      [['wh_1', true]],
      'wh_2 waits for its head, which is not due: order holds',
    );
    // wh_1's lease runs out (its instance was killed): taken again after it.
    const again = await store.claimDeliveries(t0 + 2000, t0 + 3000, 10);
    assert.deepEqual(
      again.map((c) => [c.webhook.id, c.delivery.id]).sort(),
      [
        ['wh_1', next[0]!.delivery.id],
        ['wh_2', two!.delivery.id],
      ].sort(),
    );
    const [attempts] = (await store.listDeliveries('wh_2', 50)).filter((d) => d.delivery.id === two!.delivery.id);
    assert.deepEqual(
      attempts!.attempts.map((a) => [a.status, a.response]),
      [[500, 'oops']],
    );

    // The schedule ran out: the endpoint is turned off and says since when; the event is written.
    const wh2 = again.find((c) => c.webhook.id === 'wh_2')!;
    await store.finishAttempt(
      wh2.delivery,
      { deliveryId: wh2.delivery.id, at: t0 + 2001, status: null, error: 'no answer', durationMs: 10, response: null },
      { status: 'failed', disabledEvent: { ...event('webhook_disabled'), at: t0 + 2001 } },
    );
    const off = await store.getWebhook('org_a', 'wh_2');
    assert.deepEqual([off!.enabled, off!.failingSince], [false, t0 + 2001]);
    assert.equal((await store.listEvents('org_a', null, 1))[0]!.type, 'webhook_disabled');
    assert.deepEqual(
      (await store.claimDeliveries(t0 + 5000, t0 + 6000, 10)).map((c) => c.webhook.id),
      ['wh_1'],
      'a turned-off endpoint is not served',
    );
    const on = await store.updateWebhook('org_a', 'wh_2', { enabled: true }, event('webhook_updated'));
    assert.deepEqual([on!.enabled, on!.failingSince], [true, null]);
    assert.equal((await store.retryDelivery('wh_2', wh2.delivery.id, t0 + 5000))!.status, 'pending');
    // Housekeeping drops finished deliveries (with their tries) once old enough; pending ones stay.
    const finished = (await store.listDeliveries('wh_1', 50)).filter((d) => d.delivery.status === 'delivered').length;
    assert.ok(finished >= 1);
    await store.prune(t0 + 10_000, { idleMs: 1e12, forgetAfterMs: 1e12, deliveriesKeptMs: 5_000 });
    assert.deepEqual(
      (await store.listDeliveries('wh_1', 50)).map((d) => d.delivery.status).filter((s) => s !== 'pending'),
      [],
    );
    assert.equal((await store.listDeliveries('wh_2', 50)).length, 3, 'pending ones (the retried one too) are kept');
    await store.close();
  });

  test(`${name}: a key rotation re-seals every webhook secret, the previous one too`, async () => {
    const store = await seed(open);
    await store.createWebhook(hook('wh_1', { secretSealed: 'v2.old.a' }), event('webhook_created'));
    await store.createWebhook(
      hook('wh_2', { secretSealed: 'v2.old.b', previousSecretSealed: 'v2.old.c', previousUntil: t0 + 1 }),
      event('webhook_created'),
    );
    const owners: string[] = [];
    const count = await store.resealSecrets(
      async (sealed, owner) => {
        owners.push(`${owner.kind}:${owner.kind === 'webhook' ? owner.id : ''}`);
        return sealed.replace('v2.old.', 'v2.new.');
      },
      { from: 'old', to: 'new' },
    );
    assert.equal(count, 3);
    assert.deepEqual(owners.sort(), ['webhook:wh_1', 'webhook:wh_2', 'webhook:wh_2']);
    const two = await store.getWebhook('org_a', 'wh_2');
    assert.deepEqual([two!.secretSealed, two!.previousSecretSealed], ['v2.new.b', 'v2.new.c']);
    assert.deepEqual(
      (await store.sealedSecretsNotUnder('new')).map((s) => s.owner),
      [],
      'nothing left under the old key',
    );
    await store.close();
  });
}
