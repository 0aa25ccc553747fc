import type { ApiKeyStore } from '../store.ts';
import { insertEvent } from './events-sql.ts';
import { toApiKey, toOrg } from './rows.ts';
import type { SqlDatabase } from './sql-database.ts';

const columns = 'id, org_id, name, key_hash, created_at, expires_at, last_used_at';

/** Organization API keys (#19): looked up by their hash on every admin API request. */
export function apiKeyQueries(db: SqlDatabase): ApiKeyStore {
  return {
    createApiKey: (key, event) =>
      db.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO api_keys (${columns}, window_start, window_count) VALUES (?, ?, ?, ?, ?, ?, NULL, 0, 0)`,
          [key.id, key.orgId, key.name, key.keyHash, key.createdAt, key.expiresAt],
        );
        await insertEvent(tx, event);
      }),
    listApiKeys: async (orgId) =>
      (await db.all(`SELECT ${columns} FROM api_keys WHERE org_id = ? ORDER BY created_at, id`, [orgId])).map(toApiKey),
    revokeApiKey: (orgId, id, event) =>
      db.transaction(async (tx) => {
        if ((await tx.run('DELETE FROM api_keys WHERE id = ? AND org_id = ?', [id, orgId])) === 0) return false;
        await insertEvent(tx, event);
        return true;
      }),
    useApiKey: (keyHash, now, budget) =>
      db.transaction(async (tx) => {
        // One statement counts the request and notes the use, so two instances never lose a count.
        const row = await tx.get(
          `UPDATE api_keys SET
             window_count = CASE WHEN window_start <= ? THEN 1 ELSE window_count + 1 END,
             window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END,
             last_used_at = ?
           WHERE key_hash = ? AND (expires_at IS NULL OR expires_at > ?)
           RETURNING ${columns}, window_start, window_count`,
          [now - budget.windowMs, now - budget.windowMs, now, now, keyHash, now],
        );
        if (!row) return null;
        const org = await tx.get('SELECT * FROM organizations WHERE id = ?', [row.org_id]);
        if (!org) return null;
        const windowStart = Number(row.window_start);
        return {
          key: toApiKey(row),
          org: toOrg(org),
          retryAfterMs: Number(row.window_count) > budget.limit ? windowStart + budget.windowMs - now : null,
        };
      }),
  };
}
