/**
 * Faults, for real: an instance killed mid-load, and the database stopped and started again.
 * The outage test stops the PostgreSQL cluster that scripts/ensure-postgres.sh started, so these
 * tests run alone (`npm run test:instances`), never beside other database tests.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { after, test } from 'node:test';
import pg from 'pg';
import {
  dropFreshSchemas,
  freshSchema,
  postgresUrl,
  withoutPostgres,
} from '../../packages/server/test/support/postgres.ts';
import { call, password, startInstance, type Instance } from './instance.ts';

const cluster = process.env.PORTCULLIS_TEST_POSTGRES_CLUSTER?.split(' ');
const instances: Instance[] = [];
after(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await dropFreshSchemas();
});

async function two(db: string): Promise<[Instance, Instance]> {
  const pair = await Promise.all([startInstance(db), startInstance(db)]);
  instances.push(...pair);
  return pair;
}

test(
  'an instance killed with SIGKILL during load loses nothing it acknowledged, and leaves nothing half-written',
  { skip: withoutPostgres },
  async () => {
    const db = await freshSchema();
    const [a, b] = await two(db);
    const root = (await call(a, 'POST', '/login', { body: { username: 'demo-root', password, tokenType: 'bearer' } }))
      .body.token as string;
    const acknowledged: string[] = [];
    let killed = false;
    const load = Array.from({ length: 60 }, (_, i) => `load-${String(i).padStart(2, '0')}`).map(async (username) => {
      try {
        const reply = await call(a, 'POST', '/org/users', { token: root, body: { username, password } });
        if (reply.status === 201) acknowledged.push(username);
      } catch {
        // The connection died with the process: not acknowledged, so nothing is promised.
      }
      if (!killed && acknowledged.length >= 15) {
        killed = true;
        a.process.kill('SIGKILL');
      }
    });
    await Promise.all(load);
    if (a.process.exitCode === null && a.process.signalCode === null) await once(a.process, 'exit');
    assert.ok(killed && a.process.signalCode === 'SIGKILL', 'killed mid-load');
    assert.ok(acknowledged.length >= 15 && acknowledged.length < 60, `acknowledged ${acknowledged.length}`);

    const seen = new Set<string>();
    let cursor: string | null = '';
    const rootOnB = (
      await call(b, 'POST', '/login', { body: { username: 'demo-root', password, tokenType: 'bearer' } })
    ).body.token as string;
    while (cursor !== null) {
      const page = await call(b, 'GET', `/org/users?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: rootOnB });
      for (const user of page.body.items) seen.add(user.username);
      cursor = page.body.nextCursor;
    }
    for (const username of acknowledged) assert.ok(seen.has(username), `${username} was acknowledged`);
    // Every user that exists came with its audit event: each change committed whole or not at all.
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      const orphans = await client.query(
        "SELECT username FROM users WHERE username LIKE 'load-%' AND id NOT IN (SELECT target_id FROM events WHERE type = 'user_created' AND target_id IS NOT NULL)",
      );
      assert.deepEqual(orphans.rows, []);
    } finally {
      await client.end();
    }
  },
);

test(
  'PostgreSQL stopped for a few seconds: requests answer unavailable at once, none hangs, and both instances serve again without a restart',
  {
    skip:
      withoutPostgres || (!cluster && 'PORTCULLIS_TEST_POSTGRES_CLUSTER is not set: the database is not ours to stop'),
  },
  async () => {
    const db = await freshSchema();
    const [a, b] = await two(db);
    const token = (await call(a, 'POST', '/login', { body: { username: 'demo-bob', password, tokenType: 'bearer' } }))
      .body.token as string;
    const [version, name] = cluster!;
    const pgctl = (action: 'stop' | 'start') =>
      execFileSync(
        'pg_ctlcluster',
        ['--skip-systemctl-redirect', version!, name!, action, ...(action === 'stop' ? ['-m', 'fast'] : [])],
        { stdio: 'ignore' },
      );
    pgctl('stop');
    try {
      for (const instance of [a, b]) {
        for (const [method, path, body] of [
          ['GET', '/health', undefined],
          ['GET', '/me', undefined],
          ['POST', '/login', { username: 'demo-alice', password }],
        ] as const) {
          const reply = await call(instance, method, path, { token: path === '/me' ? token : undefined, body });
          assert.equal(reply.status, 503, `${method} ${path}`);
          assert.equal(reply.body.code, 'unavailable');
          assert.ok(Number(reply.headers.get('retry-after')) >= 1, 'Retry-After');
          assert.ok(reply.ms < 5000, `${method} ${path} answered in ${Math.round(reply.ms)} ms`);
        }
        assert.equal(instance.process.exitCode, null, 'the process is still running');
      }
    } finally {
      pgctl('start');
    }
    for (const instance of [a, b]) {
      const deadline = Date.now() + 30_000;
      while ((await call(instance, 'GET', '/health').catch(() => ({ status: 0 }))).status !== 200) {
        assert.ok(Date.now() < deadline, 'back within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal((await call(instance, 'GET', '/me', { token })).status, 200, 'the session outlived the outage');
    }
    assert.doesNotMatch(a.log() + b.log(), new RegExp(new URL(postgresUrl!).password), 'no password in any log line');
  },
);
