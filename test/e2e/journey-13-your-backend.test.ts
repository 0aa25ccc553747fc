import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  builtPortal,
  expectAccessible,
  launch,
  newPage,
  screenshot,
  signInEnrolling,
  signOut,
  startServer,
} from './harness.ts';

const backendScript = fileURLToPath(new URL('../../examples/backend/server.ts', import.meta.url));

/** A port nobody listens on right now, so the server's URL is known before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

test("journey 13: the portal asks Acme's own API who is signed in, with a Portcullis token as Authorization: Bearer", async () => {
  const port = await freePort();
  const accounts = `http://127.0.0.1:${port}`;
  const backendProcess = spawn(process.execPath, ['--import', 'tsx', backendScript], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORTCULLIS_ISSUER: accounts, PORT: '0', ALLOWED_ORIGIN: accounts },
  });
  const backend = await new Promise<string>((resolve, reject) => {
    backendProcess.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening at (http:\/\/\S+?)\/ /.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    backendProcess.once('exit', () => reject(new Error('the example backend did not start')));
  });
  // The portal as an integrator configures it: the API's address in the markup.
  const portal = mkdtempSync(join(tmpdir(), 'portcullis-portal-backend-'));
  cpSync(await builtPortal(), portal, { recursive: true });
  const index = join(portal, 'index.html');
  writeFileSync(
    index,
    readFileSync(index, 'utf8').replace('<acme-api-check api="">', `<acme-api-check api="${backend}">`),
  );
  const [server, browser] = await Promise.all([
    startServer(portal, ['--port', String(port), '--connect-origin', backend]),
    launch(),
  ]);
  try {
    assert.equal(server.url, accounts);
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on(
      'console',
      (message) => message.type() === 'error' && !/status of 401/.test(message.text()) && errors.push(message.text()),
    );
    await signInEnrolling(page, server.url, 'demo-alice');
    await page.getByRole('button', { name: "Ask Acme's API who I am" }).click();
    await page.getByText("Acme's API says: demo-alice (subuser), signed in without MFA.").waitFor();
    await expectAccessible(page, 'the backend answered');
    await screenshot(page, 'journey-13');
    await signOut(page);
    assert.equal(await page.getByText("Acme's API says:").count(), 0, 'what the API said goes at sign-out');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
    backendProcess.kill();
  }
});
