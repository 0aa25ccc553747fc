import type { MemoryState } from './memory-state.ts';
import type { WebhookDeliveryRecord, WebhookStore } from '../store.ts';

/** The memory store's webhooks and outbox, as `store/sql/webhooks-sql.ts` has them in SQL. */
export function webhooksInMemory(state: MemoryState): WebhookStore {
  const { webhooks, deliveries, webhookAttempts, addDelivery, log, assertSealedWithCurrentKey } = state;
  const mine = (orgId: string, id: string) => {
    const hook = webhooks.get(id);
    return hook?.orgId === orgId ? hook : null;
  };
  const plain = ({ leaseUntil: _lease, ...delivery }: WebhookDeliveryRecord & { leaseUntil: number | null }) => ({
    ...delivery,
  });
  return {
    async createWebhook(webhook, event) {
      assertSealedWithCurrentKey(webhook.secretSealed);
      log(event); // before: an endpoint hears what happens from its creation on
      webhooks.set(webhook.id, { ...webhook, events: [...webhook.events] });
    },
    async listWebhooks(orgId) {
      return [...webhooks.values()]
        .filter((w) => w.orgId === orgId)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .map((w) => ({ ...w, events: [...w.events] }));
    },
    async getWebhook(orgId, id) {
      const hook = mine(orgId, id);
      return hook ? { ...hook, events: [...hook.events] } : null;
    },
    async updateWebhook(orgId, id, patch, event) {
      const hook = mine(orgId, id);
      if (!hook) return null;
      const next = { ...hook, ...patch, ...(patch.enabled === true ? { failingSince: null } : {}) };
      webhooks.set(id, next);
      log(event);
      return { ...next, events: [...next.events] };
    },
    async deleteWebhook(orgId, id, event) {
      if (!mine(orgId, id)) return false;
      webhooks.delete(id);
      for (const [deliveryId, d] of deliveries) if (d.webhookId === id) deliveries.delete(deliveryId);
      log(event);
      return true;
    },
    async rotateWebhookSecret(orgId, id, secretSealed, previousUntil, event) {
      const hook = mine(orgId, id);
      if (!hook) return null;
      assertSealedWithCurrentKey(secretSealed);
      const next = { ...hook, previousSecretSealed: hook.secretSealed, previousUntil, secretSealed };
      webhooks.set(id, next);
      log(event);
      return { ...next, events: [...next.events] };
    },
    async enqueueDelivery(webhookId, type, payload, at) {
      return plain(addDelivery(webhookId, type, payload, at));
    },
    async listDeliveries(webhookId, limit) {
      return [...deliveries.values()]
        .filter((d) => d.webhookId === webhookId)
        .sort((a, b) => b.id - a.id)
        .slice(0, limit)
        .map((d) => ({
          delivery: plain(d),
          attempts: webhookAttempts.filter((a) => a.deliveryId === d.id).map((a) => ({ ...a })),
        }));
    },
    async getDelivery(webhookId, deliveryId) {
      const d = deliveries.get(deliveryId);
      return d?.webhookId === webhookId ? plain(d) : null;
    },
    async retryDelivery(webhookId, deliveryId, at) {
      const d = deliveries.get(deliveryId);
      if (d?.webhookId !== webhookId || d.status === 'delivered') return null;
      const next = { ...d, status: 'pending' as const, nextAttemptAt: at };
      deliveries.set(deliveryId, next);
      return plain(next);
    },
    async claimDeliveries(now, leaseUntil, limit) {
      const claimed = [];
      for (const hook of webhooks.values()) {
        if (!hook.enabled) continue;
        const oldest = [...deliveries.values()]
          .filter((d) => d.webhookId === hook.id && d.status === 'pending')
          .sort((a, b) => a.id - b.id)[0];
        if (!oldest || oldest.nextAttemptAt > now || (oldest.leaseUntil !== null && oldest.leaseUntil > now)) continue;
        deliveries.set(oldest.id, { ...oldest, leaseUntil });
        claimed.push({ delivery: plain(oldest), webhook: { ...hook, events: [...hook.events] } });
      }
      return claimed.sort((a, b) => a.delivery.id - b.delivery.id).slice(0, limit);
    },
    async finishAttempt(delivery, attempt, outcome) {
      webhookAttempts.push({ ...attempt });
      const current = deliveries.get(delivery.id);
      if (current) {
        deliveries.set(delivery.id, {
          ...current,
          status: outcome.status,
          attempts: current.attempts + 1,
          nextAttemptAt: outcome.status === 'pending' ? outcome.nextAttemptAt : current.nextAttemptAt,
          leaseUntil: null,
        });
      }
      if (outcome.status === 'failed') {
        const hook = webhooks.get(delivery.webhookId);
        if (hook) webhooks.set(hook.id, { ...hook, enabled: false, failingSince: attempt.at });
        log(outcome.disabledEvent);
      }
    },
  };
}
