import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createApp } from '../app.ts';
import { createNativeArgon2Hasher } from '../crypto/native-argon2-hasher.ts';
import { createOrganization } from '../domain/org/organizations.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { password, secretKey } from '../../test/support/harness.ts';
import { nodeClientAddress, nodeListenAddress, startNodeServer } from './node-server.ts';

let url: string;
let close: () => Promise<void>;
const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'portcullis-')), 'socket.db'));

before(async () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'portal-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>portal</title>');
  const deps = { store, hasher: createNativeArgon2Hasher(), secretKey, clientAddress: nodeClientAddress(false) };
  await createOrganization(deps, {
    name: 'Acme',
    root: { username: 'root-user', password },
    subusers: [{ username: 'alice', password }],
  });
  const started = await startNodeServer(createApp(deps), {
    port: 0,
    host: '127.0.0.1',
    staticDir,
    connectOrigins: ['https://api.example.com'],
  });
  url = started.url;
  close = () => new Promise((resolve) => started.server.close(() => resolve()));
});

after(async () => {
  await close();
  await store.close();
});

test('over a real socket: login sets a cookie that authenticates the next request', async () => {
  const login = await fetch(`${url}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username: 'alice', password }),
  });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const me = await fetch(`${url}/api/v1/me`, { headers: { cookie } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).username, 'alice');
});

test('over a real socket: the client address reaches the audit log', async () => {
  const token = (
    await (
      await fetch(`${url}/api/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'root-user', password, tokenType: 'bearer' }),
      })
    ).json()
  ).token;
  const events = await (
    await fetch(`${url}/api/v1/org/events`, { headers: { authorization: `Bearer ${token}` } })
  ).json();
  assert.match(events.items[0].clientAddress, /127\.0\.0\.1/);
});

test('over a real socket: oversized bodies get 413, static pages a strict CSP', async () => {
  const big = await fetch(`${url}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: 'x'.repeat(65 * 1024),
  });
  assert.equal(big.status, 413);
  const page = await fetch(`${url}/`);
  assert.equal(page.status, 200);
  const csp = page.headers.get('content-security-policy')!;
  assert.match(csp, /script-src 'self'/);
  assert.match(
    csp,
    /connect-src 'self' https:\/\/api\.example\.com(;|$)/,
    "the host's own API, and nothing else, beside this server",
  );
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal((await fetch(`${url}/api/v1/nothing-here`)).status, 404);
});

/** One request on a given agent; resolves with the status and body, or rejects with the socket error. */
function send(
  agent: http.Agent,
  target: string,
  method: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      target,
      { method, agent, headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

test('over a real socket: after a 413 the next request on a kept-alive connection still works', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let round = 0; round < 3; round++) {
      const big = await send(
        agent,
        `${url}/api/v1/login`,
        'POST',
        JSON.stringify({ username: 'alice', password: 'x'.repeat(2 * 1024 * 1024) }),
      );
      assert.equal(big.status, 413);
      assert.equal(JSON.parse(big.body).code, 'payload_too_large');
      const next = await send(agent, `${url}/api/v1/login`, 'POST', JSON.stringify({ username: 'alice', password }));
      assert.equal(next.status, 200, next.body);
    }
  } finally {
    agent.destroy();
  }
});

test('over a real socket behind a trusted proxy: the audit address is the right-most X-Forwarded-For entry, and only if it is an IP (else the socket peer)', async () => {
  const db = createSqliteStore(':memory:');
  const deps = {
    store: db,
    hasher: createNativeArgon2Hasher(),
    secretKey,
    clientAddress: nodeClientAddress(true),
    settings: { trustProxy: true },
  };
  await createOrganization(deps, { name: 'Proxy', root: { username: 'proxied-root', password } });
  const started = await startNodeServer(createApp(deps), { port: 0, host: '127.0.0.1' });
  try {
    const login = (forwardedFor: string) =>
      fetch(`${started.url}/api/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ username: 'proxied-root', password: 'a wrong password here', tokenType: 'bearer' }),
      });
    await login('198.51.100.1, 203.0.113.9');
    await login('203.0.113.9, <img src=x onerror=alert(1)>');
    const token = (
      await (
        await fetch(`${started.url}/api/v1/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '2001:db8::1' },
          body: JSON.stringify({ username: 'proxied-root', password, tokenType: 'bearer' }),
        })
      ).json()
    ).token;
    const events = (
      await (await fetch(`${started.url}/api/v1/org/events`, { headers: { authorization: `Bearer ${token}` } })).json()
    ).items;
    // The unreadable entry falls back to the socket peer (the proxy), never to no address at all.
    assert.deepEqual(
      events.map((e: { clientAddress: string | null }) => e.clientAddress),
      ['2001:db8::1', '127.0.0.1', '203.0.113.9'],
    );
  } finally {
    await new Promise((resolve) => started.server.close(resolve));
    await db.close();
  }
});

test('over a real socket with a 2 s idle timeout: a session used every 600 ms stays; left alone it ends', async () => {
  const db = createSqliteStore(':memory:');
  const deps = { store: db, hasher: createNativeArgon2Hasher(), secretKey, settings: { sessionIdleTimeoutMs: 2000 } };
  await createOrganization(deps, { name: 'Short', root: { username: 'short-root', password } });
  const started = await startNodeServer(createApp(deps), { port: 0, host: '127.0.0.1' });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  try {
    const login = await fetch(`${started.url}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'short-root', password, tokenType: 'bearer' }),
    });
    const headers = { authorization: `Bearer ${(await login.json()).token}` };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      await pause(600);
      statuses.push((await fetch(`${started.url}/api/v1/me`, { headers })).status);
    }
    assert.deepEqual(statuses, Array(7).fill(200), 'in use for 4.2 s, more than twice the timeout');
    await pause(2300);
    assert.equal((await fetch(`${started.url}/api/v1/me`, { headers })).status, 401);
  } finally {
    await new Promise((resolve) => started.server.close(resolve));
    await db.close();
  }
});

test('over a real socket: a DNS-rebinding Host is refused; behind a trusted proxy the cookie follows the forwarded scheme', async () => {
  const agent = new http.Agent();
  const port = new URL(url).port;
  const login = JSON.stringify({ username: 'alice', password });
  const rebound = await send(agent, `${url}/api/v1/login`, 'POST', login, {
    host: `attacker.example:${port}`,
    origin: `http://attacker.example:${port}`,
  });
  assert.equal(rebound.status, 403);
  assert.equal(JSON.parse(rebound.body).code, 'forbidden');
  assert.equal(
    (
      await send(agent, `${url}/api/v1/login`, 'POST', login, {
        host: `localhost:${port}`,
        origin: `http://localhost:${port}`,
      })
    ).status,
    200,
  );

  const db = createSqliteStore(':memory:');
  const deps = {
    store: db,
    hasher: createNativeArgon2Hasher(),
    secretKey,
    settings: { trustProxy: true, publicOrigin: 'https://accounts.example.com' },
  };
  await createOrganization(deps, { name: 'Hosted', root: { username: 'hosted-root', password } });
  const started = await startNodeServer(createApp(deps), { port: 0, host: '127.0.0.1' });
  try {
    const viaProxy = await fetch(`${started.url}/api/v1/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'https://accounts.example.com',
        'x-forwarded-host': 'accounts.example.com',
        'x-forwarded-proto': 'https',
      },
      body: JSON.stringify({ username: 'hosted-root', password }),
    });
    assert.equal(viaProxy.status, 200);
    assert.match(viaProxy.headers.get('set-cookie')!, /^__Host-portcullis-session=.*; Secure/);
    const direct = await fetch(`${started.url}/api/v1/me`);
    assert.equal(direct.status, 403, 'the loopback address is not the public origin');
  } finally {
    await new Promise((resolve) => started.server.close(resolve));
    await db.close();
  }
});

test('over a real socket: one client address is paced across many usernames', async () => {
  const db = createSqliteStore(':memory:');
  const deps = { store: db, hasher: createNativeArgon2Hasher(), secretKey, clientAddress: nodeClientAddress(false) };
  await createOrganization(deps, { name: 'Sprayed', root: { username: 'sprayed-root', password } });
  const started = await startNodeServer(createApp(deps), { port: 0, host: '127.0.0.1' });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const reply = await fetch(`${started.url}/api/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `spray-${i}`, password: 'a wrong guess at it' }),
      });
      statuses.push(reply.status);
    }
    assert.deepEqual(statuses.slice(0, 30), Array(30).fill(400));
    assert.equal(statuses[30], 429);
  } finally {
    await new Promise((resolve) => started.server.close(resolve));
    await db.close();
  }
});

test('A5: over a real socket behind a trusted proxy, a missing or unreadable X-Forwarded-For keeps the per-address limit on (the socket peer), and IP:port forms are read', async () => {
  const db = createSqliteStore(':memory:');
  const deps = {
    store: db,
    hasher: createNativeArgon2Hasher(),
    secretKey,
    clientAddress: nodeClientAddress(true),
    settings: { trustProxy: true },
  };
  await createOrganization(deps, { name: 'Proxied', root: { username: 'proxied-root', password } });
  const started = await startNodeServer(createApp(deps), { port: 0, host: '127.0.0.1' });
  const guess = (i: number, forwardedFor?: string) =>
    fetch(`${started.url}/api/v1/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
      },
      body: JSON.stringify({ username: `spray-${i}`, password: 'a wrong guess at it' }),
    });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await guess(i, i % 3 === 0 ? undefined : i % 3 === 1 ? 'unknown' : '')).status);
    assert.deepEqual(statuses, Array(30).fill(400));
    assert.equal((await guess(30)).status, 429, "the requests without a usable header share the peer's counter");
    for (let i = 0; i < 30; i++) await guess(100 + i, `198.51.100.1, ${i % 2 ? '203.0.113.50:4431' : '203.0.113.50'}`);
    assert.equal((await guess(200, '203.0.113.50:1')).status, 429, 'IP:port is the IP');
    for (let i = 0; i < 30; i++) await guess(300 + i, `[2001:db8::${i + 1}]:443`);
    assert.equal((await guess(400, '[2001:db8::ffff]')).status, 429, 'bracketed IPv6, counted by its /64');
  } finally {
    await new Promise((resolve) => started.server.close(resolve));
    await db.close();
  }
});

test('A8: without a public origin, a real socket serves only the origin it listens at and localhost of that port', async () => {
  const db = createSqliteStore(':memory:');
  const deps = { store: db, hasher: createNativeArgon2Hasher(), secretKey, listenAddress: nodeListenAddress };
  await createOrganization(deps, { name: 'Local', root: { username: 'local-root', password } });
  const started = await startNodeServer(createApp(deps), { port: 0, host: '127.0.0.1' });
  const agent = new http.Agent();
  const port = Number(new URL(started.url).port);
  const status = async (host: string) =>
    (await send(agent, `${started.url}/api/v1/password-policy`, 'GET', undefined, { host })).status;
  try {
    assert.equal(await status(`localhost:${port}`), 200);
    assert.equal(await status(`127.0.0.1:${port}`), 200);
    assert.equal(await status(`LOCALHOST:${port}`), 200);
    // Another local program's origin, as a relaying page on another port names it.
    assert.equal(await status(`localhost:${port === 9999 ? 9998 : 9999}`), 403);
    assert.equal(await status('localhost'), 403, 'port 80 is not ours');
    assert.equal(await status(`127.0.0.2:${port}`), 403, 'another loopback address is another origin');
    assert.equal(await status(`[::1]:${port}`), 403, 'we listen on IPv4 only');
    // The passkey ceremony of such a request never starts: its origin is not ours.
    const offer = await send(agent, `${started.url}/api/v1/login/passkey`, 'POST', '{}', {
      host: `localhost:${port + 1}`,
      origin: `http://localhost:${port + 1}`,
    });
    assert.equal(offer.status, 403);
    assert.equal(JSON.parse(offer.body).code, 'forbidden');
  } finally {
    agent.destroy();
    await new Promise((resolve) => started.server.close(resolve));
    await db.close();
  }
});
