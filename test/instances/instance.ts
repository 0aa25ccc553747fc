/**
 * `portcullis-server` instances as real processes on one PostgreSQL database (a fresh schema of
 * the test database), and the small HTTP client the tests drive them with.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { listening, type ServerProcess } from '../server-process.ts';

const bin = fileURLToPath(new URL('../../packages/server/bin/portcullis-server.js', import.meta.url));
export const password = 'a shared demo passphrase';
/** Every instance of a deployment shares the key that seals TOTP secrets. */
export const sharedKey = randomBytes(32).toString('hex');

export type Instance = ServerProcess;

export function startInstance(db: string, extra: string[] = []): Promise<Instance> {
  const child = spawn(process.execPath, [bin, '--db', db, '--port', '0', '--seed-demo', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORTCULLIS_SECRET_KEY: sharedKey, PORTCULLIS_DEMO_PASSWORD: password },
  });
  return listening(child);
}

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  headers: Headers;
  ms: number;
}

/** One JSON request; bearer token optional. Never throws for an HTTP status. */
export async function call(
  instance: Instance,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Reply> {
  const started = performance.now();
  const response = await fetch(`${instance.url}/api/v1${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : null,
    headers: response.headers,
    ms: performance.now() - started,
  };
}

/** Waits for the next 30-second TOTP step, so a fresh code is accepted. */
export async function nextStepCode(secret: string): Promise<string> {
  const wait = 30_000 - (Date.now() % 30_000) + 50;
  await new Promise((resolve) => setTimeout(resolve, wait));
  return generate({ secret });
}

/** Turns on MFA for a demo user and enrolls through `instance`; answers a session that passed MFA, the secret and the recovery codes. */
export async function enrolled(
  instance: Instance,
  username: string,
): Promise<{ token: string; secret: string; recoveryCodes: string[] }> {
  const first = await call(instance, 'POST', '/login', { body: { username, password, tokenType: 'bearer' } });
  await call(instance, 'PUT', '/me/mfa', { token: first.body.token, body: { enabled: true } });
  const enroll = await call(instance, 'POST', '/login', { body: { username, password, tokenType: 'bearer' } });
  const secret = enroll.body.enrollment.secret as string;
  const done = await call(instance, 'POST', '/login/mfa', {
    body: { challengeId: enroll.body.challenge.id, code: await generate({ secret }) },
  });
  if (done.status !== 200) throw new Error(`enrollment of ${username}: ${done.status}`);
  return { token: done.body.token, secret, recoveryCodes: done.body.recoveryCodes };
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const serverDist = join(repoRoot, 'packages/server/dist');
