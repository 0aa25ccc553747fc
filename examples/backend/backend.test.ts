import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import { createClient } from '@portcullis/sdk';

/**
 * The example backend as an integrator runs it: a real `portcullis-server` process issues the
 * tokens, a real example process verifies them, and the SDK signs in as the portal would.
 */

const bin = fileURLToPath(new URL('../../packages/server/bin/portcullis-server.js', import.meta.url));
const script = fileURLToPath(new URL('./server.ts', import.meta.url));
const password = 'an example backend demo passphrase';
const processes: ChildProcess[] = [];
let issuer: string;
let backend: string;

/** Starts a process and resolves with the first match of `pattern` in what it prints. */
async function started(child: ChildProcess, pattern: RegExp): Promise<string> {
  processes.push(child);
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = pattern.exec(line);
    if (match) return match[1]!;
  }
  throw new Error(`the process did not start: ${errors}`);
}

before(async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'portcullis-backend-')), 'demo.db');
  const server = spawn(process.execPath, [bin, '--db', db, '--port', '0', '--seed-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORTCULLIS_DEMO_PASSWORD: password },
  });
  issuer = await started(server, /running at (http:\/\/\S+?)\/ /);
  const example = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORTCULLIS_ISSUER: issuer, PORT: '0', ALLOWED_ORIGIN: issuer },
  });
  backend = await started(example, /listening at (http:\/\/\S+?)\/ /);
});

after(() => {
  for (const child of processes) child.kill();
});

const call = (path: string, token: string | null, method = 'GET') =>
  fetch(`${backend}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} }).then(
    async (r) => ({
      status: r.status,
      type: r.headers.get('content-type'),
      body: (await r.json()) as Record<string, unknown>,
    }),
  );

async function signedIn(username: string) {
  const client = createClient({ baseUrl: `${issuer}/api/v1`, tokenType: 'bearer' });
  const login = await client.login({ username, password });
  assert.equal(login.status, 'authenticated');
  return client;
}

test('the example backend knows who is signed in from the token, and refuses with our problem codes', async () => {
  const missing = await call('/api/whoami', null);
  assert.deepEqual(
    [missing.status, missing.body.code, missing.type],
    [401, 'invalid_token', 'application/problem+json'],
  );

  const alice = await signedIn('demo-alice');
  const token = await alice.getToken();
  const me = await call('/api/whoami', token);
  assert.equal(me.status, 200);
  assert.deepEqual(
    { ...me.body, org: typeof me.body.org },
    { sub: decodeJwt(token).sub, username: 'demo-alice', org: 'string', role: 'subuser', mfa: false },
  );
  const notRoot = await call('/api/admin/audit-export', token, 'POST');
  assert.deepEqual([notRoot.status, notRoot.body.code], [403, 'forbidden']);

  // Forged: unsigned, or signed by a key the issuer does not publish.
  const claims = decodeJwt(token);
  const unsigned = new UnsecuredJWT({ ...claims, role: 'root' }).encode();
  assert.deepEqual(
    [(await call('/api/whoami', unsigned)).status, (await call('/api/whoami', unsigned)).body.code],
    [401, 'invalid_token'],
  );
  const stranger = await new SignJWT({ ...claims, role: 'root' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode('a guessed secret of 32 bytes!!!!'));
  assert.equal((await call('/api/whoami', stranger)).status, 401);

  // Signed out: the session ends at once; its token lasts until its `exp` (at most 5 minutes here).
  await alice.logout();
  assert.equal((await call('/api/whoami', token)).status, 200, 'a token is verified offline until it expires');
});

test('the root-only route also demands a second factor within the last 10 minutes', async () => {
  const root = await signedIn('demo-root');
  const withoutMfa = await call('/api/admin/audit-export', await root.getToken(), 'POST');
  assert.deepEqual([withoutMfa.status, withoutMfa.body.code], [403, 'reauth_required']);

  await root.setMfaEnabled(true);
  const client = createClient({ baseUrl: `${issuer}/api/v1`, tokenType: 'bearer' });
  const enroll = await client.login({ username: 'demo-root', password });
  assert.equal(enroll.status, 'mfa_setup_required');
  if (enroll.status !== 'mfa_setup_required' || !enroll.enrollment) return;
  await client.completeMfa({
    challengeId: enroll.challenge.id,
    code: await generate({ secret: enroll.enrollment.secret }),
  });
  const stepped = await call('/api/admin/audit-export', await client.getToken(), 'POST');
  assert.equal(stepped.status, 200, JSON.stringify(stepped.body));
  assert.deepEqual(stepped.body, { exported: true, org: decodeJwt(await client.getToken()).org, by: 'demo-root' });
});

test('the portal may call it from its origin: CORS allows that origin and the Authorization header, no other', async () => {
  const preflight = (origin: string) =>
    fetch(`${backend}/api/whoami`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
  const ours = await preflight(issuer);
  assert.equal(ours.headers.get('access-control-allow-origin'), issuer);
  assert.match(ours.headers.get('access-control-allow-headers') ?? '', /authorization/i);
  assert.equal((await preflight('https://evil.example')).headers.get('access-control-allow-origin'), null);
});
