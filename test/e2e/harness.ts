/**
 * End-to-end harness: the portal built with vite, served by `portcullis-server` on a fresh SQLite
 * file and a free port, driven by playwright-core in Debian's Chromium.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { listening } from '../server-process.ts';

export const password = 'portcullis demo passphrase';
export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const screenshotDir = join(repo, 'test-results', 'e2e');

let portalDir: Promise<string> | undefined;
/** Builds the portal once per process into a temporary folder. */
export function builtPortal(): Promise<string> {
  portalDir ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'portcullis-portal-'));
    await build({ root: join(repo, 'examples/portal'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    return outDir;
  })();
  return portalDir;
}

export interface Running {
  url: string;
  /** The server's SQLite file, for the operator's commands. */
  db: string;
  stop(): Promise<void>;
}

/** `portcullis-server` on a fresh database with the demo organization, serving the portal. */
export async function startServer(staticDir?: string, extraArgs: string[] = []): Promise<Running> {
  const db = join(mkdtempSync(join(tmpdir(), 'portcullis-e2e-')), 'e2e.db');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(repo, 'packages/server/bin/portcullis-server.js'),
      '--db',
      db,
      '--port',
      '0',
      '--seed-demo',
      '--static',
      staticDir ?? (await builtPortal()),
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORTCULLIS_DEMO_PASSWORD: password } },
  );
  const { url, stop } = await listening(child);
  return { url: url.replace('localhost', '127.0.0.1'), db, stop };
}

/** Runs a support-desk command of `portcullis-server` against a running server's database. */
export function operator(server: Running, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    [join(repo, 'packages/server/bin/portcullis-server.js'), ...args, '--db', server.db],
    { encoding: 'utf8' },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** Fails with the list of violations if axe finds any on the page as it is now. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  if (violations.length > 0) {
    const lines = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    throw new Error(`axe found violations on "${state}":\n${lines.join('\n')}`);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Fills the password step and submits. */
export async function enterPassword(page: Page, username: string, pass = password): Promise<void> {
  const form = page.locator('login-form');
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password', { exact: true }).fill(pass);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** On the enrollment step: reads the setup key from the page and enters the current code. */
export async function enrollFromPage(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
  await page.locator('login-form [part=qr] svg path').waitFor();
  const secret = (await page.locator('login-form [part=secret]').innerText()).replaceAll(' ', '');
  await page
    .locator('login-form')
    .getByLabel('Authentication code')
    .fill(await generate({ secret }));
  await page.locator('login-form').getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
  const recoveryCodes = await page.locator('login-form [part=recovery-codes] li').allInnerTexts();
  return { secret, recoveryCodes: recoveryCodes.map((c) => c.trim()) };
}

/** Finishes the recovery-codes step: "I saved them", then Continue. */
export async function confirmSavedCodes(page: Page): Promise<void> {
  await page.getByLabel('I have saved my recovery codes').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
}

/** Answers the confirmation dialog that is open. */
export async function confirmDialog(page: Page, button: string): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name: button }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** A page in a context of its own (a separate browser profile: its own cookies). */
export async function newPage(browser: Browser, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, ...options });
  return context.newPage();
}

/** Starts a server (with any extra flags) and a browser for one journey file; `done` stops both. */
export async function journey(
  serverArgs: string[] = [],
): Promise<{ server: Running; browser: Browser; done: () => Promise<void> }> {
  const [server, browser] = await Promise.all([startServer(undefined, serverArgs), launch()]);
  return { server, browser, done: async () => (await browser.close(), await server.stop()) };
}

/** Signs in with the password and, where asked, enrolls; ends on the profile page. */
export async function signInEnrolling(
  page: Page,
  url: string,
  username: string,
): Promise<{ secret?: string; recoveryCodes?: string[] }> {
  await page.goto(`${url}/`);
  await page.locator('login-form').getByRole('heading', { name: 'Sign in' }).waitFor();
  await enterPassword(page, username);
  const next = await Promise.race([
    page
      .getByRole('heading', { name: 'Profile settings' })
      .waitFor()
      .then(() => 'profile' as const),
    page
      .getByRole('heading', { name: 'Set up your authenticator app' })
      .waitFor()
      .then(() => 'enroll' as const),
  ]);
  if (next === 'profile') return {};
  const enrolled = await enrollFromPage(page);
  await confirmSavedCodes(page);
  return enrolled;
}

/** The MFA switch of the profile page. */
export const mfaSwitch = (page: Page) => page.getByRole('switch', { name: 'Multi-factor authentication (MFA)' });

/** From the profile page: turns MFA on, signs out, and signs in again enrolling a new authenticator. */
export async function turnOnMfaAndEnroll(
  page: Page,
  url: string,
  username: string,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  await mfaSwitch(page).click();
  await page.getByText('Set up your authenticator app now, or at your next sign-in.').first().waitFor();
  await signOut(page);
  const { secret, recoveryCodes } = await signInEnrolling(page, url, username);
  if (!secret || !recoveryCodes) throw new Error(`${username} did not enroll`);
  return { secret, recoveryCodes };
}

/**
 * Passkeys need a host name for their relying party: browsers refuse an IP address. The server
 * without `--public-origin` answers for `localhost` as well.
 */
export const passkeyUrl = (server: Running): string => server.url.replace('127.0.0.1', 'localhost');

export interface VirtualAuthenticator {
  id: string;
  /**
   * Whether the authenticator answers requests at once, as a person touching it would. Chromium
   * decides when a request starts: a request that began without presence stays unanswered.
   */
  presence(enabled: boolean): Promise<void>;
  credentials(): Promise<
    Array<{
      credentialId: string;
      privateKey: string;
      rpId: string;
      userHandle: string;
      signCount: number;
      isResidentCredential: boolean;
    }>
  >;
  /** Puts a credential (one exported from another authenticator: a clone) into this one. */
  addCredential(credential: {
    credentialId: string;
    privateKey: string;
    rpId: string;
    userHandle: string;
    signCount: number;
  }): Promise<void>;
}

/** Chromium's virtual authenticator for a page (the DevTools protocol's WebAuthn domain): a platform passkey provider with user verification. */
export async function virtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    id: authenticatorId,
    presence: async (enabled) =>
      void (await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled })),
    credentials: async () =>
      (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials as Awaited<
        ReturnType<VirtualAuthenticator['credentials']>
      >,
    addCredential: async (credential) =>
      void (await cdp.send('WebAuthn.addCredential', {
        authenticatorId,
        credential: { ...credential, isResidentCredential: true },
      })),
  };
}
