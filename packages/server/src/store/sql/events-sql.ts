import type { NewSecurityEvent } from '../records.ts';
import type { EventStore } from '../store.ts';
import { toEvent } from './rows.ts';
import { enqueueWebhooks } from './webhook-outbox-sql.ts';
import type { SqlDatabase, SqlExecutor } from './sql-database.ts';

/** Writes an audit event inside the transaction of the change it describes, with its webhook deliveries (#20). */
export async function insertEvent(tx: SqlExecutor, event: NewSecurityEvent | null): Promise<void> {
  if (!event) return;
  const row = await tx.get<{ id: unknown }>(
    `INSERT INTO events (org_id, type, at, actor_id, actor_username, target_id, target_username, client_address, reason, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      event.orgId,
      event.type,
      event.at,
      event.actorId,
      event.actorUsername,
      event.targetId,
      event.targetUsername,
      event.clientAddress,
      event.reason,
      event.detail ? JSON.stringify(event.detail) : null,
    ],
  );
  await enqueueWebhooks(tx, event, Number(row!.id));
}

/** The security events: appended with changes, listed per organization, newest first. */
export function eventQueries(db: SqlDatabase): EventStore {
  return {
    // The event and its webhook deliveries commit together.
    appendEvent: (event) => db.transaction((tx) => insertEvent(tx, event)),
    async listEvents(orgId, beforeId, limit) {
      const rows = await db.all('SELECT * FROM events WHERE org_id = ? AND id < ? ORDER BY id DESC LIMIT ?', [
        orgId,
        beforeId ?? Number.MAX_SAFE_INTEGER,
        limit,
      ]);
      return rows.map(toEvent);
    },
    async listEventsSince(orgId, since, limit) {
      const rows = await db.all(
        'SELECT * FROM events WHERE (CAST(? AS TEXT) IS NULL OR org_id = ?) AND at >= ? ORDER BY id LIMIT ?',
        [orgId, orgId, since, limit],
      );
      return rows.map(toEvent);
    },
  };
}
