import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from 'otplib';
import {
  confirmDialog,
  expectAccessible,
  journey,
  mfaSwitch,
  newPage,
  password,
  screenshot,
  signInEnrolling,
} from './harness.ts';

test('journey 8: root enforces MFA and sets it up in place; later, with the device lost, a recovery code confirms the reset', async () => {
  // A short re-authentication window, so that the reset below meets a stale sign-in for real.
  const { server, browser, done } = await journey(['--reauth-window', '4s']);
  try {
    const page = await newPage(browser);
    await signInEnrolling(page, server.url, 'demo-root');
    const elsewhere = await newPage(browser);
    await signInEnrolling(elsewhere, server.url, 'demo-alice');

    await page.getByRole('checkbox', { name: 'Enforce MFA policy to all users in your organization' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enforce MFA for everyone?' });
    assert.match(
      await dialog.innerText(),
      /Everyone signed in without MFA is signed out now; this session of yours stays\./,
    );
    await confirmDialog(page, 'Enforce MFA');
    await page.getByText('Those signed in without MFA were signed out.').waitFor();
    await elsewhere.reload();
    await elsewhere.getByRole('heading', { name: 'Sign in' }).waitFor();

    // Set up now: the same QR code, key and recovery codes as at sign-in, without signing out.
    await page.getByText('Set up your authenticator app now, or at your next sign-in.').first().waitFor();
    await page.getByRole('button', { name: 'Set up now' }).click();
    await page.locator('mfa-toggle [part=qr] svg path').waitFor();
    await expectAccessible(page, 'set up now: scan');
    const secret = (await page.locator('mfa-toggle [part=secret]').innerText()).replaceAll(' ', '');
    await page
      .locator('mfa-toggle')
      .getByLabel('Authentication code')
      .fill(await generate({ secret }));
    await page.locator('mfa-toggle').getByRole('button', { name: 'Verify' }).click();
    await page.locator('mfa-toggle').getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    const recoveryCodes = (await page.locator('mfa-toggle [part=recovery-codes] li').allInnerTexts()).map((c) =>
      c.trim(),
    );
    assert.equal(recoveryCodes.length, 10);
    await expectAccessible(page, 'set up now: recovery codes');
    await page.locator('mfa-toggle').getByLabel('I have saved my recovery codes').check();
    await page.locator('mfa-toggle').getByRole('button', { name: 'Done' }).click();
    await page.getByText('Your authenticator app is set up.').waitFor();
    assert.equal(await mfaSwitch(page).getAttribute('aria-disabled'), 'true');
    await page.getByText('You have 10 unused recovery codes.').waitFor();

    // The phone is gone and the sign-in is no longer recent: the recovery code confirms the reset.
    await page.waitForTimeout(4500);
    await page.getByRole('button', { name: 'Reset MFA', exact: true }).click();
    await confirmDialog(page, 'Reset MFA');
    const reauth = page.getByRole('dialog', { name: 'Confirm it is you' });
    await reauth.waitFor();
    await reauth.getByRole('button', { name: 'Use a recovery code' }).click();
    await reauth.getByText('Lost your device?').waitFor();
    await expectAccessible(page, 'reauth with a recovery code');
    await reauth.getByLabel('Password').fill(password);
    await reauth.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await reauth.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('MFA was reset.').waitFor();
    await page.getByRole('button', { name: 'Set up now' }).waitFor();
    await screenshot(page, 'journey-8');
  } finally {
    await done();
  }
});
