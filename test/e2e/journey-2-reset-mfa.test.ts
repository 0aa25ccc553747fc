import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from 'otplib';
import {
  confirmDialog,
  confirmSavedCodes,
  enterPassword,
  expectAccessible,
  journey,
  mfaSwitch,
  newPage,
  screenshot,
  signInEnrolling,
  signOut,
  turnOnMfaAndEnroll,
} from './harness.ts';

test('journey 2: root resets MFA; the next login enrolls a new secret and the old one no longer works', async () => {
  const { server, browser, done } = await journey();
  try {
    const page = await newPage(browser);
    await signInEnrolling(page, server.url, 'demo-root');
    const { secret: first } = await turnOnMfaAndEnroll(page, server.url, 'demo-root');

    await page.getByRole('button', { name: 'Reset MFA', exact: true }).first().click();
    await page.getByRole('dialog', { name: 'Reset MFA?' }).waitFor();
    await expectAccessible(page, 'reset confirmation');
    await confirmDialog(page, 'Reset MFA');
    await page.getByText('MFA was reset.').waitFor();
    await expectAccessible(page, 'after reset');

    await signOut(page);
    await enterPassword(page, 'demo-root');
    await page.locator('login-form [part=qr] svg').waitFor();
    const second = (await page.locator('login-form [part=secret]').innerText()).replaceAll(' ', '');
    assert.notEqual(second, first);
    const form = page.locator('login-form');
    await form.getByLabel('Authentication code').fill(await generate({ secret: first }));
    await form.getByRole('button', { name: 'Verify' }).click();
    await form.getByText('That code did not work.').waitFor();
    await form.getByLabel('Authentication code').fill(await generate({ secret: second }));
    await form.getByRole('button', { name: 'Verify' }).click();
    await confirmSavedCodes(page);
    assert.equal(await mfaSwitch(page).getAttribute('aria-checked'), 'true');
    await screenshot(page, 'journey-2');
  } finally {
    await done();
  }
});
