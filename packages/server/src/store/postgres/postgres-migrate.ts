import type pg from 'pg';
import { SchemaTooNewError, StoreUnavailableError } from '../store.ts';
import { postgresMigrations } from './postgres-migrations.ts';

/** One number for the migration lock, the same on every instance (pg_advisory_lock takes a bigint). */
const migrationLock = 7_402_011_955;

/**
 * Brings the schema up to date under a session-level advisory lock, so that several instances
 * starting at once against an empty database migrate it exactly once: the first runs the
 * migrations, the others wait for the lock and find nothing left to do. Refuses a schema newer
 * than this version knows. Answers which versions it applied.
 */
export async function migratePostgres(pool: pg.Pool): Promise<{ from: number; to: number }> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new StoreUnavailableError(`cannot connect: ${(error as { code?: string }).code ?? 'connection failed'}`);
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLock]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
      );
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      const from = rows[0]?.version ?? 0;
      if (from > postgresMigrations.length) {
        throw new SchemaTooNewError(
          `The database is at schema version ${from}, newer than this portcullis-server knows (${postgresMigrations.length}): upgrade the server.`,
        );
      }
      for (let version = from + 1; version <= postgresMigrations.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(postgresMigrations[version - 1] as string);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
            version,
            Date.now(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return { from, to: postgresMigrations.length };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [migrationLock]);
    }
  } finally {
    client.release();
  }
}
