/**
 * Webhooks as integrators meet them (#20): `portcullis-server` processes and a receiver process
 * of its own, the signature checked with the `standardwebhooks` package a receiver would use.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { dropFreshSchemas, freshSchema, withoutPostgres } from '../../packages/server/test/support/postgres.ts';
import { listening, type ServerProcess } from '../server-process.ts';
import { call, password, sharedKey, startInstance, type Instance } from './instance.ts';

after(dropFreshSchemas);

const receiverScript = fileURLToPath(new URL('./webhook-receiver.ts', import.meta.url));
const bin = fileURLToPath(new URL('../../packages/server/bin/portcullis-server.js', import.meta.url));
const webhookFlags = ['--webhooks-allow-private', '--webhook-retry-schedule', Array(30).fill('300ms').join(',')];

interface Received {
  headers: Record<string, string>;
  body: string;
}

function startReceiver(file: string, port = 0): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', receiverScript, String(port), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return listening(child);
}

const received = (file: string): Received[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Received)
    : [];

async function until<T>(probe: () => T | undefined | false, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The demo root's API key, for the admin API. */
async function apiKey(instance: Instance): Promise<string> {
  const login = await call(instance, 'POST', '/login', {
    body: { username: 'demo-root', password, tokenType: 'bearer' },
  });
  const created = await call(instance, 'POST', '/org/api-keys', { token: login.body.token, body: { name: 'hooks' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.key as string;
}

const userCreated = (file: string) =>
  received(file)
    .map((r) => JSON.parse(r.body) as { type: string; data: { target: { username: string } | null } })
    .filter((p) => p.type === 'user_created')
    .map((p) => p.data.target?.username);

test('a receiver process gets signed events in order: verified with standardwebhooks, through a receiver outage, a killed server and a secret rotation', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-webhooks-'));
  const file = join(dir, 'received.jsonl');
  const db = join(dir, 'hooks.db');
  let receiver = await startReceiver(file);
  const port = new URL(receiver.url).port;
  let server = await startInstance(db, webhookFlags);
  try {
    const key = await apiKey(server);
    const created = await call(server, 'POST', '/org/webhooks', {
      token: key,
      body: {
        url: `http://127.0.0.1:${port}/hooks`,
        events: ['user_created', 'user_deleted'],
        description: 'CRM sync',
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { id, secret } = created.body as { id: string; secret: string };
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(created.headers.get('cache-control'), 'no-store');
    const listed = await call(server, 'GET', '/org/webhooks', { token: key });
    assert.equal(JSON.stringify(listed.body).includes(secret.slice(6)), false, 'never shown again');

    // The test event, verified as a receiver would.
    const test = await call(server, 'POST', `/org/webhooks/${id}/test`, { token: key });
    assert.equal(test.status, 200, JSON.stringify(test.body));
    const first = await until(() => received(file)[0], 5000, 'the test event');
    const verified = new Webhook(secret).verify(first.body, first.headers) as {
      type: string;
      data: { webhookId: string };
    };
    assert.deepEqual([verified.type, verified.data.webhookId], ['webhook.test', id]);
    assert.equal(first.headers['webhook-id'], test.body.id);

    // A user created: the event as GET /org/events shows it, with the organization; no secret.
    assert.equal(
      (await call(server, 'POST', '/org/users', { token: key, body: { username: 'hook-a', password } })).status,
      201,
    );
    await until(() => userCreated(file).includes('hook-a'), 5000, 'user_created');
    const body = received(file).find((r) => r.body.includes('"user_created"'))!.body;
    const events = await call(server, 'GET', '/org/events?limit=5', { token: key });
    const shown = events.body.items.find((e: { type: string }) => e.type === 'user_created');
    const payload = JSON.parse(body) as { timestamp: string; data: Record<string, unknown> };
    assert.deepEqual(payload.data, { ...shown, organizationId: payload.data.organizationId });
    assert.match(String(payload.data.organizationId), /^org_/);
    assert.doesNotMatch(body, /argon2|passphrase|whsec_|pcl_/, 'no secret in a payload');

    // The receiver is down for a while: tries fail and are seen; then everything arrives in order.
    await receiver.stop();
    for (const name of ['hook-b', 'hook-c', 'hook-d'])
      assert.equal(
        (await call(server, 'POST', '/org/users', { token: key, body: { username: name, password } })).status,
        201,
      );
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const deliveries = await call(server, 'GET', `/org/webhooks/${id}/deliveries`, { token: key });
    const pending = deliveries.body.items.filter((d: { status: string }) => d.status === 'pending');
    assert.equal(pending.length, 3);
    const tried = pending.find((d: { attempts: unknown[] }) => d.attempts.length > 0);
    assert.ok(tried, 'the head of the queue was tried');
    assert.equal(tried.attempts[0].status, null);
    assert.match(tried.attempts[0].error, /connection failed/);
    receiver = await startReceiver(file, Number(port));
    await until(() => userCreated(file).length === 4, 10_000, 'the three after the outage');
    assert.deepEqual(userCreated(file), ['hook-a', 'hook-b', 'hook-c', 'hook-d'], 'in order');

    // The server is killed with deliveries due; started again, it sends them.
    await receiver.stop();
    for (const name of ['hook-e', 'hook-f'])
      assert.equal(
        (await call(server, 'POST', '/org/users', { token: key, body: { username: name, password } })).status,
        201,
      );
    server.process.kill('SIGKILL');
    await server.stop();
    receiver = await startReceiver(file, Number(port));
    server = await startInstance(db, webhookFlags);
    await until(() => userCreated(file).length === 6, 10_000, 'the deliveries due when the server was killed');
    assert.deepEqual(userCreated(file).slice(4), ['hook-e', 'hook-f']);
    const ids = received(file).map((r) => r.headers['webhook-id']);
    assert.equal(
      new Set(ids).size,
      ids.length,
      'each message once here (a killed try could repeat: receivers de-duplicate)',
    );

    // Rotation: for a day both secrets sign, so a receiver with either verifies.
    const rotated = await call(server, 'POST', `/org/webhooks/${id}/rotate-secret`, { token: key });
    assert.equal(rotated.status, 200);
    const newSecret = rotated.body.secret as string;
    assert.notEqual(newSecret, secret);
    assert.ok(rotated.body.previousSecretUntil);
    const count = received(file).length;
    await call(server, 'POST', `/org/webhooks/${id}/test`, { token: key });
    const afterRotation = await until(() => received(file)[count], 5000, 'a test after rotation');
    assert.equal(afterRotation.headers['webhook-signature']!.split(' ').length, 2);
    for (const s of [secret, newSecret]) new Webhook(s).verify(afterRotation.body, afterRotation.headers);
    assert.throws(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(afterRotation.body, afterRotation.headers),
    );

    // The support desk's view: health and backlog, never a secret.
    await until(() => received(file).length === count + 1, 1000, 'the queue to drain');
    const desk = spawnSync(process.execPath, [bin, 'webhooks', '--org', 'Demo Organization', '--db', db], {
      encoding: 'utf8',
      env: { ...process.env, PORTCULLIS_SECRET_KEY: sharedKey },
    });
    assert.equal(desk.status, 0, desk.stderr);
    assert.match(desk.stdout, /^ID\s+URL\s+EVENTS\s+HEALTH\s+WAITING\s+LAST TRY/);
    assert.match(
      desk.stdout,
      new RegExp(`${id}\\s+http://127.0.0.1:${port}/hooks\\s+user_created,user_deleted\\s+on\\s+0\\s+\\d{4}-`),
    );
    assert.doesNotMatch(desk.stdout, /whsec_/);
  } finally {
    await Promise.all([server.stop(), receiver.stop()]);
  }
});

test(
  'two instances on PostgreSQL share the outbox: every row is delivered once',
  { skip: withoutPostgres },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-webhooks-pg-'));
    const file = join(dir, 'received.jsonl');
    const receiver = await startReceiver(file);
    const db = await freshSchema();
    const [a, b] = await Promise.all([startInstance(db, webhookFlags), startInstance(db, webhookFlags)]);
    try {
      const key = await apiKey(a);
      const created = await call(b, 'POST', '/org/webhooks', {
        token: key,
        body: { url: `${receiver.url}/hooks`, events: ['user_created'] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const names = Array.from({ length: 40 }, (_, i) => `pg-hook-${String(i).padStart(2, '0')}`);
      for (const [i, name] of names.entries())
        assert.equal(
          (await call(i % 2 ? a : b, 'POST', '/org/users', { token: key, body: { username: name, password } })).status,
          201,
        );
      await until(() => userCreated(file).length >= 40, 20_000, 'forty deliveries');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const ids = received(file).map((r) => r.headers['webhook-id']);
      assert.equal(ids.length, 40, 'no row sent twice');
      assert.equal(new Set(ids).size, 40);
      assert.deepEqual(userCreated(file), names, 'in order of creation');
    } finally {
      await Promise.all([a.stop(), b.stop(), receiver.stop()]);
    }
  },
);
