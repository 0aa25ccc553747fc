import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { freshSchema, withoutPostgres } from './postgres.ts';

/** A store adapter for a test run on each: its name, a fresh store, and why it is skipped here (if it is). */
export type StoreAdapter = [name: string, make: () => Promise<Store>, skip: string | false];

/**
 * Every adapter, each store fresh: memory, a new SQLite file (named after `purpose`), a new
 * PostgreSQL schema (skipped without a test database). Call `dropFreshSchemas` after the tests.
 */
export function everyStore(purpose: string): StoreAdapter[] {
  return [
    ['memory', async () => createMemoryStore(), false],
    [
      'SQLite',
      async () => createSqliteStore(join(mkdtempSync(join(tmpdir(), `portcullis-${purpose}-`)), 'test.db')),
      false,
    ],
    ['PostgreSQL', async () => createPostgresStore(await freshSchema()), withoutPostgres],
  ];
}
