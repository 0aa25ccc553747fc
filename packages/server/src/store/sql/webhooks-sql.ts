import type { WebhookStore } from '../store.ts';
import { insertEvent } from './events-sql.ts';
import { assertSealedWithCurrentKey } from './data-key-sql.ts';
import type { SqlDatabase, SqlExecutor } from './sql-database.ts';
import { encodeEvents, insertDelivery, nullableInt, toDelivery, toWebhook } from './webhook-outbox-sql.ts';

/** Webhook endpoints, the outbox and its tries. */
export function webhookQueries(db: SqlDatabase): WebhookStore {
  const skipLocked = db.dialect.name === 'postgres' ? ' FOR UPDATE OF d SKIP LOCKED' : '';
  const one = async (orgId: string, id: string, tx: SqlExecutor = db) => {
    const row = await tx.get('SELECT * FROM webhooks WHERE id = ? AND org_id = ?', [id, orgId]);
    return row ? toWebhook(row) : null;
  };
  return {
    createWebhook: (w, event) =>
      db.transaction(async (tx) => {
        await assertSealedWithCurrentKey(tx, w.secretSealed);
        // The event first: an endpoint hears what happens from its creation on, not the creation itself.
        await insertEvent(tx, event);
        await tx.run(
          `INSERT INTO webhooks (id, org_id, url, description, events, enabled, failing_since, secret_sealed,
             previous_secret_sealed, previous_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            w.id,
            w.orgId,
            w.url,
            w.description,
            encodeEvents(w.events),
            Number(w.enabled),
            w.failingSince,
            w.secretSealed,
            w.previousSecretSealed,
            w.previousUntil,
            w.createdAt,
          ],
        );
      }),
    async listWebhooks(orgId) {
      return (await db.all('SELECT * FROM webhooks WHERE org_id = ? ORDER BY created_at, id', [orgId])).map(toWebhook);
    },
    getWebhook: (orgId, id) => one(orgId, id),
    updateWebhook: (orgId, id, patch, event) =>
      db.transaction(async (tx) => {
        const current = await one(orgId, id, tx);
        if (!current) return null;
        const next = { ...current, ...patch };
        if (patch.enabled === true) next.failingSince = null;
        await tx.run(
          'UPDATE webhooks SET url = ?, description = ?, events = ?, enabled = ?, failing_since = ? WHERE id = ?',
          [next.url, next.description, encodeEvents(next.events), Number(next.enabled), next.failingSince, id],
        );
        await insertEvent(tx, event);
        return next;
      }),
    deleteWebhook: (orgId, id, event) =>
      db.transaction(async (tx) => {
        if ((await tx.run('DELETE FROM webhooks WHERE id = ? AND org_id = ?', [id, orgId])) !== 1) return false;
        await insertEvent(tx, event);
        return true;
      }),
    rotateWebhookSecret: (orgId, id, secretSealed, previousUntil, event) =>
      db.transaction(async (tx) => {
        await assertSealedWithCurrentKey(tx, secretSealed);
        const changed = await tx.run(
          `UPDATE webhooks SET previous_secret_sealed = secret_sealed, previous_until = ?, secret_sealed = ?
           WHERE id = ? AND org_id = ?`,
          [previousUntil, secretSealed, id, orgId],
        );
        if (changed !== 1) return null;
        await insertEvent(tx, event);
        return one(orgId, id, tx);
      }),
    enqueueDelivery: (webhookId, type, payload, at) =>
      db.transaction((tx) => insertDelivery(tx, webhookId, type, payload, at)),
    async listDeliveries(webhookId, limit) {
      const deliveries = (
        await db.all('SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?', [
          webhookId,
          limit,
        ])
      ).map(toDelivery);
      if (deliveries.length === 0) return [];
      const ids = deliveries.map((d) => d.id);
      const attempts = await db.all(
        `SELECT * FROM webhook_attempts WHERE delivery_id IN (${ids.map(() => '?').join(', ')}) ORDER BY at`,
        ids,
      );
      return deliveries.map((delivery) => ({
        delivery,
        attempts: attempts
          .filter((a) => Number(a.delivery_id) === delivery.id)
          .map((a) => ({
            deliveryId: delivery.id,
            at: Number(a.at),
            status: nullableInt(a.status),
            error: (a.error as string | null) ?? null,
            durationMs: Number(a.duration_ms),
            response: (a.response as string | null) ?? null,
          })),
      }));
    },
    async getDelivery(webhookId, deliveryId) {
      const row = await db.get('SELECT * FROM webhook_deliveries WHERE id = ? AND webhook_id = ?', [
        deliveryId,
        webhookId,
      ]);
      return row ? toDelivery(row) : null;
    },
    async retryDelivery(webhookId, deliveryId, at) {
      const row = await db.get(
        `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?
         WHERE id = ? AND webhook_id = ? AND status <> 'delivered' RETURNING *`,
        [at, deliveryId, webhookId],
      );
      return row ? toDelivery(row) : null;
    },
    async claimDeliveries(now, leaseUntil, limit) {
      // Most rounds find nothing due (every instance polls while idle): a read on the partial
      // index says so without a write transaction, which on SQLite would take the write lock.
      const due = await db.get(
        "SELECT 1 AS found FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? LIMIT 1",
        [now],
      );
      if (!due) return [];
      return db.transaction(async (tx) => {
        // The oldest pending delivery of each enabled endpoint only: order per endpoint. The
        // lease is checked again on the row itself, so of two instances one takes it.
        const rows = await tx.all(
          `UPDATE webhook_deliveries SET lease_until = ?
           WHERE id IN (
             SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
             WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until <= ?)
               AND w.enabled = 1
               AND d.id = (SELECT min(e.id) FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id AND e.status = 'pending')
             ORDER BY d.id LIMIT ?${skipLocked}
           ) AND (lease_until IS NULL OR lease_until <= ?)
           RETURNING *`,
          [leaseUntil, now, now, limit, now],
        );
        if (rows.length === 0) return [];
        const deliveries = rows.map(toDelivery);
        const ids = [...new Set(deliveries.map((d) => d.webhookId))];
        const hooks = (await tx.all(`SELECT * FROM webhooks WHERE id IN (${ids.map(() => '?').join(', ')})`, ids)).map(
          toWebhook,
        );
        return deliveries.flatMap((delivery) => {
          const webhook = hooks.find((h) => h.id === delivery.webhookId);
          return webhook ? [{ delivery, webhook }] : [];
        });
      });
    },
    finishAttempt: (delivery, attempt, outcome) =>
      db.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO webhook_attempts (delivery_id, at, status, error, duration_ms, response) VALUES (?, ?, ?, ?, ?, ?)',
          [delivery.id, attempt.at, attempt.status, attempt.error, attempt.durationMs, attempt.response],
        );
        const next = outcome.status === 'pending' ? outcome.nextAttemptAt : delivery.nextAttemptAt;
        await tx.run(
          'UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, lease_until = NULL WHERE id = ?',
          [outcome.status, next, delivery.id],
        );
        if (outcome.status === 'failed') {
          await tx.run('UPDATE webhooks SET enabled = 0, failing_since = ? WHERE id = ?', [
            attempt.at,
            delivery.webhookId,
          ]);
          await insertEvent(tx, outcome.disabledEvent);
        }
      }),
  };
}
