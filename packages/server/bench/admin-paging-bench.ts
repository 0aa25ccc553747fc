/**
 * `npm run bench:admin`: what an integrator's script meets on the admin API (#19). An
 * organization of 100,000 users (and their 100,000 `user_created` events) in a SQLite file, or in
 * PostgreSQL with `BENCH_DB=postgres`; a real `portcullis-server` process on it; an API key made
 * with the `create-api-key` command; and a script that pages through every user and every event
 * with the SDK's client, a hundred at a time. Prints the figures; asserts nothing. The server is
 * the built one (`npm run bench:admin` at the root builds first).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@portcullis/sdk';
import { noRequest, securityEvent } from '../src/domain/events.ts';
import { createPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import { dropFreshSchemas, freshSchema } from '../test/support/postgres.ts';
import { benchApiKey, seedBenchOrganization, startBuiltServer } from './built-server.ts';

const members = Number(process.env.BENCH_USERS ?? 100_000);
const usePostgres = process.env.BENCH_DB === 'postgres';
const secretKey = randomBytes(32).toString('hex');
const env = { ...process.env, PORTCULLIS_SECRET_KEY: secretKey };

async function seed(db: string): Promise<void> {
  const store: Store = usePostgres ? await createPostgresStore(db) : createSqliteStore(db);
  const now = Date.now();
  // One Argon2id hash for everyone: the figures are about paging, not about hashing.
  const root = await seedBenchOrganization(store, now);
  const started = performance.now();
  for (let i = 0; i < members; i++) {
    const user = {
      ...root,
      id: `usr_bench${i}`,
      username: `member-${String(i).padStart(6, '0')}`,
      role: 'subuser' as const,
    };
    await store.createUser(user, securityEvent('user_created', now, noRequest, root, user));
  }
  console.log(`seeded ${members.toLocaleString('en')} users in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await store.close();
}

async function timed(what: string, pages: () => Promise<{ items: number; pages: number }>): Promise<void> {
  const started = performance.now();
  const { items, pages: count } = await pages();
  const ms = performance.now() - started;
  console.log(
    `${what}: ${items.toLocaleString('en')} in ${count.toLocaleString('en')} pages, ${(ms / 1000).toFixed(1)} s` +
      ` (${Math.round((items / ms) * 1000).toLocaleString('en')}/s, ${(ms / count).toFixed(1)} ms a page)`,
  );
}

/** Follows the cursors to the end, as an integrator's script would. */
async function everyPage(
  page: (cursor: { cursor?: string }) => Promise<{ items: unknown[]; nextCursor: string | null }>,
): Promise<{ items: number; pages: number }> {
  let items = 0;
  let pages = 0;
  let cursor: string | undefined;
  do {
    const next = await page(cursor ? { cursor } : {});
    items += next.items.length;
    pages++;
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return { items, pages };
}

const db = usePostgres ? await freshSchema() : join(mkdtempSync(join(tmpdir(), 'portcullis-bench-')), 'accounts.db');
console.log(`admin API paging on ${usePostgres ? 'PostgreSQL' : 'SQLite'}, ${members.toLocaleString('en')} members`);
await seed(db);
const server = await startBuiltServer(db, env);
try {
  const admin = createClient({ baseUrl: `${server.url}/api/v1`, tokenType: 'bearer', token: benchApiKey(db, env) });
  await timed('users', () => everyPage((cursor) => admin.org.users({ limit: 100, ...cursor })));
  await timed('events', () => everyPage((cursor) => admin.org.events({ limit: 100, ...cursor })));
} finally {
  server.stop();
  if (usePostgres) await dropFreshSchemas();
}
