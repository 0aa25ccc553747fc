import pg from 'pg';
import type { Logger } from '../../ports.ts';
import { UniqueViolation, type Row, type SqlDatabase, type SqlExecutor } from '../sql/sql-database.ts';
import { StoreUnavailableError } from '../store.ts';

export interface PostgresOptions {
  /** How long to wait for a connection before answering `unavailable` (default 2 s). */
  connectTimeoutMs?: number;
  /** How long one statement may run (default 5 s); longer is treated as the database being unwell. */
  statementTimeoutMs?: number;
  /** Connections per instance (default 10). */
  poolSize?: number;
  logger?: Pick<Logger, 'error'>;
}

// PostgreSQL's BIGINT (our millisecond times, counts, event ids) arrives as a string by default;
// every value we keep fits a double exactly, so read it as a number. Set on this pool only.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** SQLSTATE classes and socket errors that mean "cannot reach or use the database right now". */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '53300',
  '53400',
]);
const unavailableMessages =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|connection is closed/i;
/**
 * Transactions that PostgreSQL aborted to resolve contention, or whose prepared statement changed
 * shape under a migration (`0A000`, see `executor`): safe to run again from the start.
 */
const retryableCodes = new Set(['40001', '40P01', '0A000']);

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** Driver errors in the store's terms; the message of an unavailable database is not passed on. */
function translate(error: unknown): unknown {
  const code = codeOf(error);
  if (code === '23505') return new UniqueViolation('unique constraint');
  if (
    (code && (unavailableCodes.has(code) || code.startsWith('08'))) ||
    (error instanceof Error && unavailableMessages.test(error.message))
  ) {
    return new StoreUnavailableError(`database unavailable (${code ?? 'connection'})`);
  }
  return error;
}

/**
 * A store statement as PostgreSQL takes it: its `?` placeholders (the store's, shared with SQLite)
 * as `$1, $2, …`, and a name of its own, so that PostgreSQL parses and plans it once per
 * connection rather than on every call (#21: with unnamed statements the session lookup cost
 * PostgreSQL more than it cost us). The store's statements are a fixed set; past a bound, new
 * ones go unnamed.
 */
interface PostgresStatement {
  text: string;
  name: string | null;
}
const statements = new Map<string, PostgresStatement>();
const maxNamedStatements = 1000;
function statementFor(sql: string): PostgresStatement {
  let statement = statements.get(sql);
  if (statement === undefined) {
    let n = 0;
    statement = {
      text: sql.replace(/\?/g, () => `$${++n}`),
      name: statements.size < maxNamedStatements ? `portcullis_${statements.size}` : null,
    };
    statements.set(sql, statement);
  }
  return statement;
}

/** SQLSTATE 0A000: a prepared statement's result changed shape under it (a migration by another instance). */
const planChanged = (error: unknown) => codeOf(error) === '0A000';

function executor(client: pg.Pool | pg.PoolClient, inTransaction: boolean): SqlExecutor {
  const send = ({ text, name }: PostgresStatement, params: readonly unknown[]) => {
    const values = params as unknown[];
    return name === null ? client.query(text, values) : client.query({ name, text, values });
  };
  const query = async (sql: string, params: readonly unknown[] = []) => {
    const statement = statementFor(sql);
    try {
      return await send(statement, params);
    } catch (error) {
      if (!planChanged(error) || statement.name === null) throw translate(error);
      // Another instance changed the schema under this statement: from now on it goes unnamed,
      // at once outside a transaction; a transaction is run again from the start (below).
      statement.name = null;
      if (inTransaction) throw error;
      try {
        return await send(statement, params);
      } catch (again) {
        throw translate(again);
      }
    }
  };
  return {
    all: async <T = Row>(sql: string, params?: readonly unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T = Row>(sql: string, params?: readonly unknown[]) =>
      (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
  };
}

/** What may be logged of a connection string: never its password. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/**
 * A pool of connections to PostgreSQL as a SqlDatabase. Transactions run at READ COMMITTED: each
 * compare-and-set is a conditional UPDATE or DELETE (PostgreSQL re-checks the condition after
 * waiting for a row lock) or reads its rows `FOR UPDATE` first, so two instances racing on one
 * row queue rather than both winning. A deadlock or serialization failure reruns the transaction.
 * Connections that cannot be made within `connectTimeoutMs` become StoreUnavailableError.
 */
export function openPostgresDatabase(url: string, options: PostgresOptions = {}): SqlDatabase & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    statement_timeout: options.statementTimeoutMs ?? 5000,
    query_timeout: (options.statementTimeoutMs ?? 5000) + 1000,
    idle_in_transaction_session_timeout: 10_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'portcullis-server',
    types,
  });
  // An idle connection that breaks (the database restarted) must not crash the process.
  pool.on('error', (error) =>
    options.logger?.error('postgres connection lost', { error: codeOf(error) ?? error.name }),
  );
  const direct = executor(pool, false);
  let instanceClient: pg.Client | undefined;

  async function transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, attempt = 1): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw translate(error);
    }
    let broken: Error | undefined;
    let released = false;
    // A connection that could not even roll back is closed, not handed to the next request.
    const release = () => {
      if (!released) client.release(broken);
      released = true;
    };
    try {
      const tx = executor(client, true);
      await tx.run('BEGIN');
      const result = await fn(tx);
      await tx.run('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      release();
      if (retryableCodes.has(codeOf(error) ?? '') && attempt < 3) return transaction(fn, attempt + 1);
      throw translate(error);
    } finally {
      release();
    }
  }

  return {
    pool,
    dialect: { name: 'postgres', forUpdate: ' FOR UPDATE', forShare: ' FOR SHARE' },
    ...direct,
    transaction: (fn) => transaction(fn),
    async tryLock(tx, name) {
      const row = await tx.get<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext(?)) AS locked', [name]);
      return row?.locked === true;
    },
    // A server holds this lock shared on a connection of its own for as long as it runs, so
    // rotate-key, which asks for it exclusively, can tell that one is running (#28 F2). Named
    // per schema: schemas on one database are separate deployments.
    async holdInstanceLock() {
      if (instanceClient) return;
      const client = new pg.Client({
        connectionString: url,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
        application_name: 'portcullis-server',
        keepAlive: true,
      });
      client.on('error', (error) =>
        options.logger?.error('postgres instance lock lost', { error: codeOf(error) ?? error.name }),
      );
      try {
        await client.connect();
        await client.query(`SELECT pg_advisory_lock_shared(hashtext(current_schema() || ${instanceLockSuffix}))`);
      } catch (error) {
        await client.end().catch(() => undefined);
        throw translate(error);
      }
      instanceClient = client;
    },
    async noServerRunning(tx) {
      const row = await tx.get<{ free: boolean }>(
        `SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || ${instanceLockSuffix})) AS free`,
      );
      return row?.free === true;
    },
    async lock(tx, name) {
      await tx.get('SELECT pg_advisory_xact_lock(hashtext(?)) AS locked', [name]);
    },
    async ping() {
      await direct.get('SELECT 1 AS alive');
    },
    async close() {
      await instanceClient?.end().catch(() => undefined);
      await pool.end();
    },
  };
}

const instanceLockSuffix = "':portcullis-instance'";
