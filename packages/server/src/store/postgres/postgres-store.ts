import { createSqlStore } from '../sql/sql-store.ts';
import type { Store } from '../store.ts';
import { openPostgresDatabase, type PostgresOptions } from './postgres-database.ts';
import { migratePostgres } from './postgres-migrate.ts';

/**
 * PostgreSQL, for several server instances on one database: every guarantee of the store holds
 * across them (see the server README for the isolation level and locks). Migrates the schema
 * first (once, under an advisory lock); throws StoreUnavailableError when the database cannot be
 * reached and SchemaTooNewError when it was migrated by a newer version.
 */
export async function createPostgresStore(
  url: string,
  options: PostgresOptions & { migrate?: boolean } = {},
): Promise<Store> {
  const db = openPostgresDatabase(url, options);
  try {
    if (options.migrate !== false) await migratePostgres(db.pool);
  } catch (error) {
    await db.close();
    throw error;
  }
  return createSqlStore(db);
}
