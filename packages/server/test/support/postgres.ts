import pg from 'pg';

/** The database `scripts/ensure-postgres.sh` (or the developer) provides for the tests. */
export const postgresUrl = process.env.PORTCULLIS_TEST_DATABASE_URL;

/** For `test(name, { skip }, …)`: PostgreSQL tests run only with a database to run on. */
export const withoutPostgres: string | false = postgresUrl
  ? false
  : 'PORTCULLIS_TEST_DATABASE_URL is not set: run the tests through scripts/ensure-postgres.sh (npm test does)';

const made: string[] = [];

/**
 * A new, empty schema in the test database, as a connection URL whose `search_path` is that
 * schema: each store, server process or test gets tables of its own, on one database.
 */
export async function freshSchema(): Promise<string> {
  if (!postgresUrl) throw new Error('PORTCULLIS_TEST_DATABASE_URL is not set');
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  made.push(schema);
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Drops the schemas this process made (the throwaway database goes at the end of the run anyway). */
export async function dropFreshSchemas(): Promise<void> {
  if (!postgresUrl || made.length === 0) return;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const schema of made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
