import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { dropFreshSchemas, freshSchema, withoutPostgres } from '../../test/support/postgres.ts';

const bin = fileURLToPath(new URL('../../bin/portcullis-server.js', import.meta.url));
const key = '5'.repeat(64);
const skip = withoutPostgres;
after(dropFreshSchemas);

const run = (args: string[], env: Record<string, string | undefined> = {}, input?: string) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, PORTCULLIS_SECRET_KEY: key, ...env },
  });

test(
  'migrate --db postgres://… brings an empty database up to date once; create-org works on it',
  { skip },
  async () => {
    const db = await freshSchema();
    const first = run(['migrate', '--db', db]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /schema is up to date/);
    assert.equal(run(['migrate', '--db', db]).status, 0, 'again: nothing to do');
    const created = run(
      ['create-org', '--db', db, '--name', 'Hooli', '--username', 'hooli-root'],
      {},
      'a long enough root passphrase\n',
    );
    assert.equal(created.status, 0, created.stderr);
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      assert.equal((await client.query("SELECT role FROM users WHERE username = 'hooli-root'")).rows[0].role, 'root');
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)');
    } finally {
      await client.end();
    }
    const newer = run(['migrate', '--db', db]);
    assert.equal(newer.status, 1);
    assert.match(
      newer.stderr,
      /^portcullis-server: The database is at schema version 999, newer than this portcullis-server knows/,
    );
  },
);

test('with PostgreSQL the shared secret key is required', { skip }, async () => {
  const reply = run(['--db', await freshSchema(), '--port', '0'], { PORTCULLIS_SECRET_KEY: undefined });
  assert.equal(reply.status, 2);
  assert.match(reply.stderr, /PORTCULLIS_SECRET_KEY is required with PostgreSQL/);
});

test('an unreachable database at start is retried with backoff, logged without its password', async () => {
  const child = spawn(
    process.execPath,
    [bin, '--db', 'postgres://portcullis:hunter2-secret@127.0.0.1:1/accounts', '--port', '0'],
    {
      env: { ...process.env, PORTCULLIS_SECRET_KEY: key },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const lines: string[] = [];
  for await (const line of createInterface({ input: child.stderr })) {
    lines.push(line);
    if (lines.length === 2) break;
  }
  child.kill();
  for (const line of lines) {
    const entry = JSON.parse(line);
    assert.equal(entry.message, 'waiting for PostgreSQL');
    assert.equal(entry.database, 'postgres://portcullis@127.0.0.1:1/accounts');
    assert.doesNotMatch(line, /hunter2/);
  }
  assert.ok(JSON.parse(lines[1]!).retryInMs > JSON.parse(lines[0]!).retryInMs, 'backing off');
});
