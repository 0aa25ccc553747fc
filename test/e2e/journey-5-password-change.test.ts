import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enterPassword, expectAccessible, journey, newPage, password, screenshot, signInEnrolling } from './harness.ts';

test('journey 5: a password change in one browser context signs the other one out', async () => {
  const { server, browser, done } = await journey();
  try {
    const here = await newPage(browser);
    const there = await newPage(browser);
    await signInEnrolling(here, server.url, 'demo-alice');
    await signInEnrolling(there, server.url, 'demo-alice');

    const form = here.locator('password-change');
    await form.getByLabel('Current password').fill(password);
    await form.getByLabel('New password', { exact: true }).fill('a fresh passphrase for alice');
    await form.getByLabel('Confirm new password').fill('a fresh passphrase for alice');
    await form.getByRole('button', { name: 'Change password' }).click();
    await here.getByText('You were signed out on every other device.').waitFor();
    await expectAccessible(here, 'password changed');

    await there.reload();
    await there.locator('login-form').getByRole('heading', { name: 'Sign in' }).waitFor();
    await enterPassword(there, 'demo-alice');
    await there.locator('login-form').getByText('Wrong username or password.').waitFor();
    await enterPassword(there, 'demo-alice', 'a fresh passphrase for alice');
    await there.getByRole('heading', { name: 'Profile settings' }).waitFor();
    assert.equal(await here.getByRole('heading', { name: 'Profile settings' }).isVisible(), true, 'this session stays');
    await screenshot(here, 'journey-5');
  } finally {
    await done();
  }
});
