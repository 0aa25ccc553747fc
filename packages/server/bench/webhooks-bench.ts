/**
 * Webhook figures (#20): deliveries a second from one instance, and the delay from a committed
 * change to its arrival (median and p99) on an idle server. The built `portcullis-server` on a
 * fresh SQLite file, a receiver on 127.0.0.1 in this process. `npm run bench:webhooks`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltServer } from './built-server.ts';

const password = 'bench webhook passphrase';
const arrivals = new Map<string, number>();
let onArrival: (() => void) | undefined;
const receiver = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    arrivals.set(String(request.headers['webhook-id']), performance.now());
    response.writeHead(204).end();
    onArrival?.();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-webhooks-'));
const server = await startBuiltServer(
  join(dir, 'bench.db'),
  {
    ...process.env,
    PORTCULLIS_SECRET_KEY: randomBytes(32).toString('hex'),
    PORTCULLIS_SEED_DEMO: '1',
    PORTCULLIS_DEMO_PASSWORD: password,
  },
  ['--webhooks-allow-private'],
);

async function api(method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const waitFor = (done: () => boolean) =>
  new Promise<void>((resolve) => {
    if (done()) return resolve();
    onArrival = () => {
      if (done()) {
        onArrival = undefined;
        resolve();
      }
    };
  });

try {
  const login = await api('POST', '/login', null, { username: 'demo-root', password, tokenType: 'bearer' });
  const { key } = await api('POST', '/org/api-keys', login.token, { name: 'bench' });
  const hook = await api('POST', '/org/webhooks', key, { url: hookUrl, events: ['webhook_updated'] });

  // The delay: one change at a time on an idle server, from its committed answer to arrival.
  const delays: number[] = [];
  for (let i = 0; i < 200; i++) {
    const sent = performance.now();
    await api('PATCH', `/org/webhooks/${hook.id}`, key, { description: `change ${i}` });
    const committed = performance.now();
    const before = arrivals.size;
    await waitFor(() => arrivals.size > before);
    delays.push(performance.now() - committed);
    void sent;
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
  }
  delays.sort((a, b) => a - b);
  const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]!;

  /** `count` changes from eight clients at once. */
  const changeMany = (count: number, label: string) =>
    Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (let i = worker; i < count; i += 8)
          await api('PATCH', `/org/webhooks/${hook.id}`, key, { description: `${label} ${i}` });
      }),
    );

  // Throughput: 2,000 changes queued with the receiver up, the worker draining them in order.
  const n = 2000;
  const start = arrivals.size;
  const queued = performance.now();
  await changeMany(n, 'bulk');
  const allQueued = performance.now();
  await waitFor(() => arrivals.size >= start + n);
  const drained = performance.now();

  // Ten endpoints: the worker serves them side by side, each in its own order.
  for (let i = 0; i < 9; i++) await api('POST', '/org/webhooks', key, { url: hookUrl, events: ['webhook_updated'] });
  const changes = 500;
  const wideStart = arrivals.size;
  const wideQueued = performance.now();
  await changeMany(changes, 'wide');
  await waitFor(() => arrivals.size >= wideStart + changes * 10);
  const wideDrained = performance.now();
  console.log(
    `webhooks, one instance, SQLite, one endpoint on 127.0.0.1 (${process.platform}, node ${process.version})`,
  );
  console.log(
    `  change → delivery on an idle server: median ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms (${delays.length} changes, one at a time)`,
  );
  console.log(
    `  ${n} changes queued in ${((allQueued - queued) / 1000).toFixed(2)} s; all delivered ${((drained - queued) / 1000).toFixed(2)} s after the first: ${(n / ((drained - queued) / 1000)).toFixed(0)} deliveries/s (in order, one endpoint)`,
  );
  console.log(
    `  ${changes} changes to 10 endpoints: ${changes * 10} deliveries in ${((wideDrained - wideQueued) / 1000).toFixed(2)} s: ${((changes * 10) / ((wideDrained - wideQueued) / 1000)).toFixed(0)} deliveries/s`,
  );
} finally {
  server.stop();
  receiver.close();
}
