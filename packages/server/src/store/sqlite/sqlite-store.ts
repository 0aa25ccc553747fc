import { createSqlStore } from '../sql/sql-store.ts';
import type { Store } from '../store.ts';
import { openSqliteDatabase } from './sqlite-database.ts';

/**
 * The embedded default: one SQLite file (created readable by its owner only), migrated on open.
 * One server process per file; for several, use PostgreSQL.
 */
export function createSqliteStore(filename: string): Store {
  return createSqlStore(openSqliteDatabase(filename));
}
