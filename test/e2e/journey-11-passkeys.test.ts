import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  confirmDialog,
  enterPassword,
  expectAccessible,
  journey,
  newPage,
  passkeyUrl,
  screenshot,
  signInEnrolling,
  virtualAuthenticator,
  type VirtualAuthenticator,
} from './harness.ts';

/**
 * Signs out so that the sign-in form's autofill request begins while the authenticator has no
 * presence (and so is never answered); presence is back for whatever the test does next.
 */
async function signOutWithAutofillUnanswered(page: Page, authenticator: VirtualAuthenticator) {
  await authenticator.presence(false);
  const offered = page.waitForResponse((response) => response.url().endsWith('/api/v1/login/passkey'));
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await offered;
  // The request reaches the authenticator a moment after the server's options arrive.
  await page.waitForTimeout(300);
  await authenticator.presence(true);
}

test('journey 11: a passkey added in the portal signs in alone (button and autofill), answers the MFA step, confirms identity, and removing it turns MFA off', async () => {
  // A short re-authentication window, so that the removal below meets a stale sign-in for real.
  const { server, browser, done } = await journey(['--reauth-window', '5s']);
  try {
    const page = await newPage(browser);
    const url = passkeyUrl(server);
    const authenticator = await virtualAuthenticator(page);
    await signInEnrolling(page, url, 'demo-bob');

    // Add a passkey: the browser makes it, the portal names it, MFA comes on with recovery codes.
    const list = page.locator('passkey-list');
    await list.getByRole('button', { name: 'Add a passkey' }).click();
    await list.getByText(/was added: MFA is on\. Save these recovery codes now/).waitFor();
    assert.equal(await list.locator('[part=recovery-codes] li').count(), 10);
    assert.equal((await authenticator.credentials()).length, 1);
    const name = await list.locator('[part=name]').innerText();
    assert.match(name, / on Linux$/);
    await page.getByText('Every sign-in asks for one of your passkeys.').waitFor();
    await expectAccessible(page, 'a passkey added');
    await screenshot(page, 'journey-11-passkey-added');

    // Rename it with the keyboard.
    await list.getByRole('button', { name: `Rename ${name}` }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Work laptop');
    await page.keyboard.press('Enter');
    await list.getByText('Renamed to Work laptop.').waitFor();
    assert.equal(await list.locator('[part=name]').innerText(), 'Work laptop');

    // "Sign in with a passkey": no username, no password. The sign-in form's autofill request
    // starts without presence, so that only the button's request is answered.
    await signOutWithAutofillUnanswered(page, authenticator);
    const button = page.waitForResponse((response) => response.url().endsWith('/api/v1/login/passkey/verify'));
    await page.locator('login-form').getByRole('button', { name: 'Sign in with a passkey' }).click();
    assert.equal((await button).status(), 200);
    await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
    await page.getByText('Signed in as demo-bob').waitFor();

    // With presence, the autofill request is answered as the form appears: the person picked the
    // passkey from the username field's list.
    const autofilled = page.waitForResponse((response) => response.url().endsWith('/api/v1/login/passkey/verify'));
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    assert.equal((await autofilled).status(), 200);
    await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
    await page.getByText('Signed in as demo-bob').waitFor();

    // The password, then the passkey as the second factor.
    await signOutWithAutofillUnanswered(page, authenticator);
    await enterPassword(page, 'demo-bob');
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
    await expectAccessible(page, 'the MFA step with a passkey');
    await page.locator('login-form').getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
    assert.match(await list.locator('[part=row]').innerText(), /last used/);

    // After the window, removing it asks who is there; the passkey answers for both factors.
    await page.waitForTimeout(5500);
    await list.getByRole('button', { name: 'Remove Work laptop' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove Work laptop?' });
    assert.match(await confirm.innerText(), /your last second factor: removing it turns MFA off/);
    await confirmDialog(page, 'Remove');
    const reauth = page.getByRole('dialog', { name: 'Confirm it is you' });
    await reauth.waitFor();
    await expectAccessible(page, 'the reauth dialog with a passkey');
    await reauth.getByRole('button', { name: 'Use a passkey' }).click();
    await list.getByText('Work laptop was removed.').waitFor();
    await list.getByText('You have no passkeys yet.').waitFor();
    await page.getByText('Turn on to be asked for a code from an authenticator app at every sign-in.').waitFor();

    // The passkey signs in no more.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.locator('login-form').getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.locator('login-form').getByText('That passkey was not accepted.', { exact: false }).waitFor();
  } finally {
    await done();
  }
});
