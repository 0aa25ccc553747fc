import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../deps.ts';
import { describeDatabase } from '../store/postgres/postgres-database.ts';
import { createPostgresStore } from '../store/postgres/postgres-store.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { StoreUnavailableError, type Store } from '../store/store.ts';
import type { DatabaseTarget } from './database-target.ts';
import { UsageError } from './usage-error.ts';
import { loadOrCreateSecretKey, parseSecretKey } from '../crypto/secret-key.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The SQLite file's folder (`./data` by default), made on first start and readable by its owner only. */
function makeDatabaseFolder(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
}

/** The AES key of the TOTP secrets: PORTCULLIS_SECRET_KEY, or for SQLite a key file beside the database. */
export function secretKeyFor(db: DatabaseTarget, env: Env, logger: Logger): Uint8Array {
  if (env.PORTCULLIS_SECRET_KEY !== undefined) {
    try {
      return parseSecretKey(env.PORTCULLIS_SECRET_KEY);
    } catch (error) {
      throw new UsageError(`PORTCULLIS_SECRET_KEY: ${(error as Error).message}`);
    }
  }
  if (db.kind === 'postgres') {
    throw new UsageError(
      'PORTCULLIS_SECRET_KEY is required with PostgreSQL: every instance must seal and open secrets with the same key',
    );
  }
  makeDatabaseFolder(db.path);
  let loaded: ReturnType<typeof loadOrCreateSecretKey>;
  try {
    loaded = loadOrCreateSecretKey(`${db.path}.key`);
  } catch (error) {
    // Its contents are not shown: they may be most of a key.
    throw new UsageError(
      `${db.path}.key: ${(error as Error).message}; restore the key file from where you keep it apart from backups`,
    );
  }
  const { key, created } = loaded;
  if (created) logger.info('generated a secret key beside the database', { path: `${db.path}.key` });
  return key;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens (and migrates) the database. PostgreSQL that cannot be reached yet is retried with
 * backoff, one log line per try, naming the database without its password: for ever when
 * serving (a supervisor or orchestrator starts instances before the database is up), for about
 * half a minute for one-off commands.
 */
export async function openStore(
  db: DatabaseTarget,
  logger: Logger,
  { waitForever }: { waitForever: boolean },
): Promise<Store> {
  if (db.kind === 'sqlite') {
    makeDatabaseFolder(db.path);
    return createSqliteStore(db.path);
  }
  const where = describeDatabase(db.url);
  let delay = 500;
  const deadline = Date.now() + 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await createPostgresStore(db.url, { logger });
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      if (!waitForever && Date.now() + delay > deadline) {
        throw new StoreUnavailableError(`PostgreSQL at ${where} cannot be reached; gave up after ${attempt} tries`);
      }
      logger.error('waiting for PostgreSQL', { database: where, attempt, retryInMs: delay, reason: error.message });
      await pause(delay);
      delay = Math.min(delay * 2, 15_000);
    }
  }
}
