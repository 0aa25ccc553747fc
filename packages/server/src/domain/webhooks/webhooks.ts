import {
  webhookSecretPrefix,
  type CreateWebhookRequest,
  type UpdateWebhookRequest,
  type Webhook,
  type WebhookDeliveries,
  type WebhookDelivery,
  type WebhookWithSecret,
} from '@portcullis/sdk/contract';
import { toBase64 } from '../../crypto/encoding.ts';
import { newId } from '../../crypto/tokens.ts';
import type { Services } from '../../services.ts';
import { webhookPayload } from '../../store/event-view.ts';
import type { WebhookAttemptRecord, WebhookDeliveryRecord, WebhookRecord } from '../../store/store.ts';
import { DomainError } from '../errors.ts';
import { securityEvent, type EventActor, type RequestMeta } from '../events.ts';
import { webhookAssociatedData } from '../sealed-secrets.ts';
import { actorOf, requireRecentCaller, type OrgCaller } from '../org/org-caller.ts';
import { checkWebhookUrl } from './webhook-target.ts';

/** A rotated-out secret signs beside the new one this long, so receivers can switch without a gap. */
export const previousSecretMs = 24 * 60 * 60 * 1000;
const deliveriesShown = 50;
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** An endpoint as events name it, in the target's place. */
export const webhookRef = (hook: WebhookRecord): EventActor => ({
  id: hook.id,
  username: `webhook:${hook.id}`,
  orgId: hook.orgId,
});

export const webhookView = (hook: WebhookRecord, now: number): Webhook => ({
  id: hook.id,
  url: hook.url,
  description: hook.description,
  events: [...hook.events],
  enabled: hook.enabled,
  failingSince: iso(hook.failingSince),
  previousSecretUntil: hook.previousUntil !== null && hook.previousUntil > now ? iso(hook.previousUntil) : null,
  createdAt: new Date(hook.createdAt).toISOString(),
});

export const deliveryView = (delivery: WebhookDeliveryRecord, attempts: WebhookAttemptRecord[]): WebhookDelivery => ({
  id: deliveryMessageId(delivery.id),
  type: delivery.type,
  status: delivery.status,
  createdAt: new Date(delivery.createdAt).toISOString(),
  nextAttemptAt: delivery.status === 'pending' ? new Date(delivery.nextAttemptAt).toISOString() : null,
  attempts: attempts.map((a) => ({
    at: new Date(a.at).toISOString(),
    status: a.status,
    error: a.error,
    durationMs: a.durationMs,
    response: a.response,
  })),
});

/** The `webhook-id` of a delivery: the same on every try, for receivers to de-duplicate by. */
export const deliveryMessageId = (id: number) => `msg_${id}`;
const deliveryIdOf = (messageId: string): number => {
  const match = /^msg_(\d{1,15})$/.exec(messageId);
  if (!match) throw new DomainError('not_found');
  return Number(match[1]);
};

/** A new signing secret: 32 random bytes, `whsec_` and base64, as Standard Webhooks libraries read it. */
async function newSecret(services: Services, id: string): Promise<{ secret: string; sealed: string }> {
  const secret = `${webhookSecretPrefix}${toBase64(services.random.bytes(32))}`;
  const sealed = await (await services.secretBox).seal(secret, webhookAssociatedData(id));
  return { secret, sealed };
}

async function requireWebhook(services: Services, caller: OrgCaller, id: string): Promise<WebhookRecord> {
  const hook = await services.store.getWebhook(caller.org.id, id);
  if (!hook) throw new DomainError('not_found');
  return hook;
}

/**
 * Registers an endpoint (#20): the URL checked (https, public addresses), the secret shown once
 * and kept sealed. A sensitive change for a root (recent re-authentication); a key is its own proof.
 */
export async function createWebhook(
  services: Services,
  caller: OrgCaller,
  input: CreateWebhookRequest,
  meta: RequestMeta,
): Promise<WebhookWithSecret> {
  requireRecentCaller(services, caller);
  const url = await checkWebhookUrl(services, input.url);
  const now = services.clock.now();
  const id = newId('wh', services.random);
  const { secret, sealed } = await newSecret(services, id);
  const hook: WebhookRecord = {
    id,
    orgId: caller.org.id,
    url,
    description: input.description ?? '',
    events: [...new Set(input.events ?? [])],
    enabled: true,
    failingSince: null,
    secretSealed: sealed,
    previousSecretSealed: null,
    previousUntil: null,
    createdAt: now,
  };
  await services.store.createWebhook(
    hook,
    securityEvent('webhook_created', now, meta, actorOf(caller), webhookRef(hook)),
  );
  return { ...webhookView(hook, now), secret };
}

export async function listWebhooks(services: Services, caller: OrgCaller): Promise<{ items: Webhook[] }> {
  const now = services.clock.now();
  return { items: (await services.store.listWebhooks(caller.org.id)).map((hook) => webhookView(hook, now)) };
}

export async function updateWebhook(
  services: Services,
  caller: OrgCaller,
  id: string,
  input: UpdateWebhookRequest,
  meta: RequestMeta,
): Promise<Webhook> {
  const hook = await requireWebhook(services, caller, id);
  requireRecentCaller(services, caller);
  const url = input.url === undefined ? undefined : await checkWebhookUrl(services, input.url);
  const now = services.clock.now();
  const patch = {
    ...(url === undefined ? {} : { url }),
    ...(input.events === undefined ? {} : { events: [...new Set(input.events)] }),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
  };
  const event = securityEvent('webhook_updated', now, meta, actorOf(caller), webhookRef(hook));
  const updated = await services.store.updateWebhook(caller.org.id, id, patch, event);
  if (!updated) throw new DomainError('not_found');
  return webhookView(updated, now);
}

export async function deleteWebhook(
  services: Services,
  caller: OrgCaller,
  id: string,
  meta: RequestMeta,
): Promise<void> {
  const hook = await requireWebhook(services, caller, id);
  requireRecentCaller(services, caller);
  const event = securityEvent('webhook_deleted', services.clock.now(), meta, actorOf(caller), webhookRef(hook));
  if (!(await services.store.deleteWebhook(caller.org.id, id, event))) throw new DomainError('not_found');
}

/** A new secret, shown once; the previous one signs too for 24 hours. */
export async function rotateWebhookSecret(
  services: Services,
  caller: OrgCaller,
  id: string,
  meta: RequestMeta,
): Promise<WebhookWithSecret> {
  const hook = await requireWebhook(services, caller, id);
  requireRecentCaller(services, caller);
  const now = services.clock.now();
  const { secret, sealed } = await newSecret(services, id);
  const event = securityEvent('webhook_secret_rotated', now, meta, actorOf(caller), webhookRef(hook));
  const rotated = await services.store.rotateWebhookSecret(caller.org.id, id, sealed, now + previousSecretMs, event);
  if (!rotated) throw new DomainError('not_found');
  return { ...webhookView(rotated, now), secret };
}

/** Queues a `webhook.test` event for the endpoint, sent like any other. */
export async function testWebhook(services: Services, caller: OrgCaller, id: string): Promise<WebhookDelivery> {
  const hook = await requireWebhook(services, caller, id);
  if (!hook.enabled) throw new DomainError('conflict', { detail: 'The endpoint is turned off; turn it on first.' });
  const now = services.clock.now();
  const payload = webhookPayload('webhook.test', now, { organizationId: hook.orgId, webhookId: hook.id });
  return deliveryView(await services.store.enqueueDelivery(hook.id, 'webhook.test', payload, now), []);
}

export async function listDeliveries(services: Services, caller: OrgCaller, id: string): Promise<WebhookDeliveries> {
  await requireWebhook(services, caller, id);
  const rows = await services.store.listDeliveries(id, deliveriesShown);
  return { items: rows.map(({ delivery, attempts }) => deliveryView(delivery, attempts)) };
}

/** Tries a pending or failed delivery again now; a delivered one is `conflict`. */
export async function retryDelivery(
  services: Services,
  caller: OrgCaller,
  id: string,
  messageId: string,
): Promise<WebhookDelivery> {
  await requireWebhook(services, caller, id);
  const deliveryId = deliveryIdOf(messageId);
  const found = await services.store.getDelivery(id, deliveryId);
  if (!found) throw new DomainError('not_found');
  const retried = await services.store.retryDelivery(id, deliveryId, services.clock.now());
  if (!retried) throw new DomainError('conflict', { detail: 'This delivery arrived already.' });
  return deliveryView(retried, []);
}
