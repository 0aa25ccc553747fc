import type {
  DeliveryOutcome,
  NewSecurityEvent,
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookPatch,
  WebhookRecord,
} from '../records.ts';

/**
 * Webhook endpoints and their outbox (#20, docs/architecture.md "Webhooks"). Deliveries of
 * security events are written by `appendEvent` and every change's own event insert, in the same
 * transaction, for each enabled endpoint of the organization that hears the type. Part of
 * `Store` (store/store.ts); each adapter implements it in one module.
 */
export interface WebhookStore {
  createWebhook(webhook: WebhookRecord, event: NewSecurityEvent): Promise<void>;
  /** The organization's endpoints, oldest first. */
  listWebhooks(orgId: string): Promise<WebhookRecord[]>;
  getWebhook(orgId: string, id: string): Promise<WebhookRecord | null>;
  /** Turning it on again clears `failingSince`; null when the organization has none by that id. */
  updateWebhook(orgId: string, id: string, patch: WebhookPatch, event: NewSecurityEvent): Promise<WebhookRecord | null>;
  /** Deletes the endpoint with its deliveries; false when there is none by that id. */
  deleteWebhook(orgId: string, id: string, event: NewSecurityEvent): Promise<boolean>;
  /** The current secret becomes the previous one (signing too until `previousUntil`). */
  rotateWebhookSecret(
    orgId: string,
    id: string,
    secretSealed: string,
    previousUntil: number,
    event: NewSecurityEvent,
  ): Promise<WebhookRecord | null>;
  /** Queues one delivery for one endpoint (the `webhook.test` event). */
  enqueueDelivery(webhookId: string, type: string, payload: string, at: number): Promise<WebhookDeliveryRecord>;
  /** The endpoint's latest deliveries, newest first, each with its attempts (oldest first). */
  listDeliveries(
    webhookId: string,
    limit: number,
  ): Promise<Array<{ delivery: WebhookDeliveryRecord; attempts: WebhookAttemptRecord[] }>>;
  getDelivery(webhookId: string, deliveryId: number): Promise<WebhookDeliveryRecord | null>;
  /** Makes a pending or failed delivery due at `at` (a failed one pending again). */
  retryDelivery(webhookId: string, deliveryId: number, at: number): Promise<WebhookDeliveryRecord | null>;
  /**
   * Leases due deliveries until `leaseUntil`: for each enabled endpoint only its oldest pending
   * one (order per endpoint), none already leased. Instances share the outbox: a row is leased
   * by one (PostgreSQL: `FOR UPDATE SKIP LOCKED`, and the lease re-checked), and a lease that
   * ran out (a killed instance) is taken again.
   */
  claimDeliveries(
    now: number,
    leaseUntil: number,
    limit: number,
  ): Promise<Array<{ delivery: WebhookDeliveryRecord; webhook: WebhookRecord }>>;
  /** Records a try and what it decided, and releases the lease; a failure past the schedule turns the endpoint off. */
  finishAttempt(
    delivery: WebhookDeliveryRecord,
    attempt: WebhookAttemptRecord,
    outcome: DeliveryOutcome,
  ): Promise<void>;
}
