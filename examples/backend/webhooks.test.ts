import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createClient } from '@portcullis/sdk';
import { webhookReceiver, type PortcullisEvent } from './webhooks.ts';

const bin = fileURLToPath(new URL('../../packages/server/bin/portcullis-server.js', import.meta.url));
const password = 'an example webhook demo passphrase';

test('the README receiver hears a user created through the admin API, verified, once; a forged call is refused', async () => {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const source = readFileSync(fileURLToPath(new URL('./webhooks.ts', import.meta.url)), 'utf8');
  const shown = source.slice(source.indexOf('export function webhookReceiver'));
  assert.ok(readme.includes(shown.trim()), 'the README shows this receiver as it is');

  const db = join(mkdtempSync(join(tmpdir(), 'portcullis-webhook-example-')), 'demo.db');
  const server: ChildProcess = spawn(
    process.execPath,
    [bin, '--db', db, '--port', '0', '--seed-demo', '--webhooks-allow-private'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORTCULLIS_DEMO_PASSWORD: password } },
  );
  const heard: PortcullisEvent[] = [];
  let receiver: ReturnType<typeof serve> | undefined;
  try {
    let issuer = '';
    for await (const line of createInterface({ input: server.stdout! })) {
      const match = /running at (http:\/\/\S+?)\/ /.exec(line);
      if (match) {
        issuer = match[1]!;
        break;
      }
    }
    const root = createClient({ baseUrl: `${issuer}/api/v1`, tokenType: 'bearer' });
    await root.login({ username: 'demo-root', password });
    const { key } = await root.org.createApiKey({ name: 'example' });
    const admin = createClient({ baseUrl: `${issuer}/api/v1`, tokenType: 'bearer', token: key });

    // The endpoint is added first (its URL needs the receiver's port), then the receiver with its secret.
    const port = await new Promise<number>((resolve) => {
      const probe = serve({ fetch: () => new Response(null), port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        probe.close();
        resolve(info.port);
      });
    });
    const hook = await admin.org.createWebhook({
      url: `http://127.0.0.1:${port}/portcullis-events`,
      events: ['user_created'],
    });
    const hooks = webhookReceiver(hook.secret, async (event) => void heard.push(event));
    receiver = serve({ fetch: hooks.fetch, port, hostname: '127.0.0.1' });

    const carol = await admin.org.createUser({ username: 'carol', password });
    for (let i = 0; i < 100 && heard.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(heard.length, 1);
    assert.deepEqual([heard[0]!.type, heard[0]!.data.target?.id], ['user_created', carol.id]);

    const forged = await fetch(`http://127.0.0.1:${port}/portcullis-events`, {
      method: 'POST',
      headers: {
        'webhook-id': 'msg_1',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,AAAA',
      },
      body: JSON.stringify({ type: 'user_deleted', data: {} }),
    });
    assert.equal(forged.status, 400);
    assert.equal(heard.length, 1);
  } finally {
    receiver?.close();
    server.kill();
  }
});
