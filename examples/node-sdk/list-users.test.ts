import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { createClient } from '@portcullis/sdk';

const bin = fileURLToPath(new URL('../../packages/server/bin/portcullis-server.js', import.meta.url));
const script = fileURLToPath(new URL('./list-users.ts', import.meta.url));
const password = 'portcullis demo passphrase';
let server: ChildProcess;
let api: string;

before(async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'portcullis-example-')), 'demo.db');
  server = spawn(process.execPath, [bin, '--db', db, '--port', '0', '--seed-demo'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORTCULLIS_DEMO_PASSWORD: password },
  });
  for await (const line of createInterface({ input: server.stdout! })) {
    const match = /running at (http:\/\/\S+?)\/ /.exec(line);
    if (match) {
      api = `${match[1]}/api/v1`;
      break;
    }
  }
});

after(() => void server.kill());

test('examples/node-sdk signs in with TOTP in bearer mode and lists the users with their MFA state', async () => {
  // Set the demo root up with an authenticator, as its owner would in a browser.
  const owner = createClient({ baseUrl: api, tokenType: 'bearer' });
  await owner.login({ username: 'demo-root', password });
  await owner.setMfaEnabled(true);
  const enroll = await owner.login({ username: 'demo-root', password });
  assert.equal(enroll.status, 'mfa_setup_required');
  if (enroll.status !== 'mfa_setup_required' || !enroll.enrollment) return;
  const secret = enroll.enrollment.secret;
  // Enroll with the previous step's code (still accepted), so the script's current code is fresh.
  const previous = await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 });
  await owner.completeMfa({ challengeId: enroll.challenge.id, code: previous });
  await owner.logout();

  const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
    encoding: 'utf8',
    env: {
      ...process.env,
      PORTCULLIS_URL: api,
      PORTCULLIS_USERNAME: 'demo-root',
      PORTCULLIS_PASSWORD: password,
      PORTCULLIS_TOTP_SECRET: secret,
    },
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Users of Demo Organization:/);
  assert.match(run.stdout, /demo-alice\s+subuser\s+MFA off/);
  assert.match(run.stdout, /demo-bob\s+subuser\s+MFA off/);
  assert.match(run.stdout, /demo-root\s+root\s+MFA on, set up/);
});

test('examples/node-sdk says what is missing and exits 2', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
    encoding: 'utf8',
    env: { ...process.env, PORTCULLIS_URL: '' },
  });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /Set PORTCULLIS_URL/);
});
