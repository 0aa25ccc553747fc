import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  confirmDialog,
  expectAccessible,
  journey,
  mfaSwitch,
  newPage,
  screenshot,
  signInEnrolling,
  turnOnMfaAndEnroll,
} from './harness.ts';

test("journey 4: root resets a subuser's MFA from the table; the subuser's open browser is signed out", async () => {
  const { server, browser, done } = await journey();
  try {
    const bob = await newPage(browser);
    await signInEnrolling(bob, server.url, 'demo-bob');
    await turnOnMfaAndEnroll(bob, server.url, 'demo-bob');

    const root = await newPage(browser);
    await signInEnrolling(root, server.url, 'demo-root');
    const row = root.getByRole('row', { name: /demo-bob/ });
    assert.match(await row.innerText(), /On, set up/);
    await root.getByRole('button', { name: 'Reset MFA for demo-bob' }).click();
    await root.getByRole('dialog', { name: 'Reset MFA for demo-bob?' }).waitFor();
    await expectAccessible(root, 'subuser reset confirmation');
    await confirmDialog(root, 'Reset MFA');
    await root.getByText('MFA was reset for demo-bob.').waitFor();
    await expectAccessible(root, 'subuser reset done');

    // Bob's next action finds his session gone: the portal shows the sign-in form.
    await mfaSwitch(bob).click();
    await confirmDialog(bob, 'Turn off MFA');
    await bob.locator('login-form').getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await bob.locator('profile-settings').isVisible(), false);
    await screenshot(root, 'journey-4');
  } finally {
    await done();
  }
});
