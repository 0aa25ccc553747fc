import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createApp } from '../app.ts';
import { createNativeArgon2Hasher } from '../crypto/native-argon2-hasher.ts';
import { createOrganization } from '../domain/organizations.ts';
import { createSqliteStore } from '../store/sqlite-store.ts';
import { password, secretKey } from '../testing/harness.ts';
import { nodeClientAddress, startNodeServer } from './node-server.ts';

let url: string;
let close: () => Promise<void>;
const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'portcullis-')), 'socket.db'));

before(async () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'portal-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>portal</title>');
  const deps = { store, hasher: createNativeArgon2Hasher(), secretKey, clientAddress: nodeClientAddress(false) };
  await createOrganization(deps, { name: 'Acme', root: { username: 'root-user', password }, subusers: [{ username: 'alice', password }] });
  const started = await startNodeServer(createApp(deps), { port: 0, host: '127.0.0.1', staticDir });
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
  const token = (await (await fetch(`${url}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'root-user', password, tokenType: 'bearer' }),
  })).json()).token;
  const events = await (await fetch(`${url}/api/v1/org/events`, { headers: { authorization: `Bearer ${token}` } })).json();
  assert.match(events.items[0].clientAddress, /127\.0\.0\.1/);
});

test('over a real socket: oversized bodies get 413, static pages a strict CSP', async () => {
  const big = await fetch(`${url}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(65 * 1024) });
  assert.equal(big.status, 413);
  const page = await fetch(`${url}/`);
  assert.equal(page.status, 200);
  const csp = page.headers.get('content-security-policy')!;
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal((await fetch(`${url}/api/v1/nothing-here`)).status, 404);
});
