import { test } from 'node:test';
import {
  enterPassword,
  journey,
  newPage,
  screenshot,
  signInEnrolling,
  signOut,
  turnOnMfaAndEnroll,
} from './harness.ts';

test('journey 7: a recovery code signs in once and not twice', async () => {
  const { server, browser, done } = await journey();
  try {
    const page = await newPage(browser);
    await signInEnrolling(page, server.url, 'demo-bob');
    const { recoveryCodes } = await turnOnMfaAndEnroll(page, server.url, 'demo-bob');
    const code = recoveryCodes[3]!;

    const useRecovery = async () => {
      await signOut(page);
      await enterPassword(page, 'demo-bob');
      const form = page.locator('login-form');
      await form.getByRole('button', { name: 'Use a recovery code instead' }).click();
      await form.getByLabel('Recovery code').fill(code);
      await form.getByRole('button', { name: 'Verify' }).click();
    };
    await useRecovery();
    await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
    await page.getByText('You have 9 unused recovery codes.').waitFor();
    await useRecovery();
    await page.locator('login-form').getByText('That code did not work.').waitFor();
    await screenshot(page, 'journey-7');
  } finally {
    await done();
  }
});
