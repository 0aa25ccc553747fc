import type { SecurityEventType } from '@portcullis/sdk/contract';
import { eventPayload, hears } from '../event-view.ts';
import type { NewSecurityEvent, WebhookDeliveryRecord, WebhookRecord } from '../records.ts';
import type { Row, SqlExecutor } from './sql-database.ts';

export const nullableInt = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** Event types are kept as one comma-separated column: empty means every type. */
export const encodeEvents = (events: readonly string[]) => events.join(',');
const decodeEvents = (text: unknown) => (String(text) === '' ? [] : (String(text).split(',') as SecurityEventType[]));

export const toWebhook = (r: Row): WebhookRecord => ({
  id: String(r.id),
  orgId: String(r.org_id),
  url: String(r.url),
  description: String(r.description),
  events: decodeEvents(r.events),
  enabled: Number(r.enabled) === 1,
  failingSince: nullableInt(r.failing_since),
  secretSealed: String(r.secret_sealed),
  previousSecretSealed: (r.previous_secret_sealed as string | null) ?? null,
  previousUntil: nullableInt(r.previous_until),
  createdAt: Number(r.created_at),
});

export const toDelivery = (r: Row): WebhookDeliveryRecord => ({
  id: Number(r.id),
  webhookId: String(r.webhook_id),
  type: String(r.type),
  payload: String(r.payload),
  status: r.status as WebhookDeliveryRecord['status'],
  attempts: Number(r.attempts),
  nextAttemptAt: Number(r.next_attempt_at),
  createdAt: Number(r.created_at),
});

export async function insertDelivery(
  tx: SqlExecutor,
  webhookId: string,
  type: string,
  payload: string,
  at: number,
): Promise<WebhookDeliveryRecord> {
  const row = await tx.get(
    `INSERT INTO webhook_deliveries (webhook_id, type, payload, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, 'pending', 0, ?, ?) RETURNING *`,
    [webhookId, type, payload, at, at],
  );
  return toDelivery(row!);
}

/**
 * The outbox side of every security event (#20): one delivery per enabled endpoint of the
 * organization that hears its type, in the transaction that writes the event, so a change that
 * rolls back sends nothing and one that commits is never lost.
 */
export async function enqueueWebhooks(tx: SqlExecutor, event: NewSecurityEvent, id: number): Promise<void> {
  const hooks = await tx.all<{ id: string; events: string }>(
    'SELECT id, events FROM webhooks WHERE org_id = ? AND enabled = 1',
    [event.orgId],
  );
  // Most organizations have no endpoint: then nothing more is built (every sign-in writes an event).
  if (hooks.length === 0) return;
  const payload = eventPayload({ ...event, id });
  for (const hook of hooks) {
    if (hears(decodeEvents(hook.events), event.type)) await insertDelivery(tx, hook.id, event.type, payload, event.at);
  }
}
