import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UniqueViolation, type Row, type SqlDatabase, type SqlExecutor } from '../sql/sql-database.ts';
import { SchemaTooNewError } from '../store.ts';
import { sqliteMigrations } from './sqlite-migrations.ts';

/**
 * One SQLite file through better-sqlite3, as a SqlDatabase. Its calls are synchronous and share
 * one connection, so a transaction that awaits between statements holds a lock that the next
 * transaction, and any read, waits for: no request sees another's uncommitted rows. WAL mode lets
 * readers in other processes carry on. Every statement is prepared once, with parameters.
 */
export function openSqliteDatabase(filename: string): SqlDatabase {
  ownerOnly(filename);
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db);

  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  // better-sqlite3 binds numbers, strings, bigints, buffers and null.
  const bind = (params: readonly unknown[]) => params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  const translate = (error: unknown) =>
    error instanceof Database.SqliteError && /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(error.code)
      ? new UniqueViolation(error.message)
      : error;
  const direct: SqlExecutor = {
    async all<T = Row>(sql: string, params: readonly unknown[] = []) {
      try {
        return prepared(sql).all(...bind(params)) as T[];
      } catch (error) {
        throw translate(error);
      }
    },
    async get<T = Row>(sql: string, params: readonly unknown[] = []) {
      try {
        return prepared(sql).get(...bind(params)) as T | undefined;
      } catch (error) {
        throw translate(error);
      }
    },
    async run(sql, params = []) {
      try {
        return prepared(sql).run(...bind(params)).changes;
      } catch (error) {
        throw translate(error);
      }
    },
  };

  // One transaction at a time; reads outside a transaction wait only while one is open.
  let tail: Promise<unknown> = Promise.resolve();
  let inTransaction = false;
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(async () => {
      inTransaction = true;
      try {
        return await work();
      } finally {
        inTransaction = false;
      }
    });
    tail = result.catch(() => undefined);
    return result;
  };
  const outside = <T>(read: () => Promise<T>): Promise<T> => (inTransaction ? exclusive(read) : read());

  return {
    dialect: { name: 'sqlite', forUpdate: '', forShare: '' },
    all: (sql, params) => outside(() => direct.all(sql, params)),
    get: (sql, params) => outside(() => direct.get(sql, params)),
    run: (sql, params) => outside(() => direct.run(sql, params)),
    transaction: (fn) =>
      exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    // One process per file: the transaction itself is the lock.
    tryLock: async () => true,
    holdInstanceLock: async () => undefined,
    noServerRunning: async () => true,
    // Write transactions already run one at a time.
    lock: async () => undefined,
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      await tail;
      db.close();
    },
  };
}

/**
 * The database holds password hashes, sealed secrets and the audit log: it is created readable by
 * its owner only, and an existing one is narrowed (security rule 29, docs/architecture.md). SQLite gives the WAL and
 * shared-memory files the database file's mode; ones left by an older version are narrowed too.
 */
function ownerOnly(filename: string): void {
  if (filename === ':memory:' || filename === '') return;
  if (!existsSync(filename)) closeSync(openSync(filename, 'a', 0o600));
  for (const path of [filename, `${filename}-wal`, `${filename}-shm`]) {
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

/** Applies what is new, each migration in its own transaction; refuses a database from a newer version. */
function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > sqliteMigrations.length) {
    db.close();
    throw new SchemaTooNewError(
      `The database is at schema version ${current}, newer than this portcullis-server knows (${sqliteMigrations.length}): upgrade the server.`,
    );
  }
  sqliteMigrations.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}
