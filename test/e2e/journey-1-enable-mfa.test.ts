import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  confirmSavedCodes,
  enrollFromPage,
  enterPassword,
  expectAccessible,
  launch,
  newPage,
  screenshot,
  signOut,
  startServer,
  type Running,
} from './harness.ts';

let server: Running;
let browser: Browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('journey 1: root turns MFA on, signs out, enrolls with the QR code at the next login and saves the recovery codes', async () => {
  const page = await newPage(browser);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await expectAccessible(page, 'signed out');
  await enterPassword(page, 'demo-root');
  await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
  await expectAccessible(page, 'profile settings, root');

  const toggle = page.getByRole('switch', { name: 'Multi-factor authentication (MFA)' });
  assert.equal(await toggle.getAttribute('aria-checked'), 'false');
  await toggle.click();
  await page.getByText('Set up your authenticator app now, or at your next sign-in.').first().waitFor();
  assert.equal(await toggle.getAttribute('aria-checked'), 'true');
  await expectAccessible(page, 'MFA turned on');

  await signOut(page);
  await enterPassword(page, 'demo-root');
  await expectAccessible(page, 'enrollment');
  await page.locator('login-form [part=qr] svg').waitFor();
  await screenshot(page, 'journey-1-enrollment');
  const { recoveryCodes } = await enrollFromPage(page);
  assert.equal(recoveryCodes.length, 10);
  await expectAccessible(page, 'recovery codes');
  await confirmSavedCodes(page);
  assert.equal(
    await page.getByRole('switch', { name: 'Multi-factor authentication (MFA)' }).getAttribute('aria-checked'),
    'true',
  );
  await screenshot(page, 'journey-1');
  assert.deepEqual(violations, [], 'the strict CSP blocked nothing');

  // The same states in dark mode: the code step and the signed-out page.
  const dark = await newPage(browser, { colorScheme: 'dark' });
  await dark.goto(`${server.url}/`);
  await dark.locator('login-form').getByRole('heading', { name: 'Sign in' }).waitFor();
  await expectAccessible(dark, 'signed out, dark');
  await enterPassword(dark, 'demo-root');
  await dark.getByRole('heading', { name: 'Two-step verification' }).waitFor();
  await expectAccessible(dark, 'code step, dark');
});
