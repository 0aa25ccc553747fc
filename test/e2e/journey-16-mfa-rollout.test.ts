import assert from 'node:assert/strict';
import { test } from 'node:test';
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
} from './harness.ts';

/** A day as a date field takes it, in the browser's time zone (the page's, as the element reads it). */
const localDay = (at: Date) =>
  `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;

test('journey 16: the root sets an MFA deadline, a member sees the reminder, sets up a passkey, and the summary changes', async () => {
  const { server, browser, done } = await journey();
  try {
    const url = passkeyUrl(server);
    const root = await newPage(browser);
    await signInEnrolling(root, url, 'demo-root');
    const table = root.locator('org-policy-table');
    await table.getByText('3 of 3 members have no second factor.').waitFor();

    // A deadline two weeks ahead, saved with the "enforce" checkbox: nobody is signed out.
    const deadline = new Date(Date.now() + 14 * 86_400_000);
    await table.getByLabel('Deadline for members without a second factor').fill(localDay(deadline));
    await table.getByRole('checkbox', { name: 'Enforce MFA policy to all users in your organization' }).click();
    const dialog = root.getByRole('dialog', { name: 'Enforce MFA for everyone?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Nobody is signed out now\./);
    await confirmDialog(root, 'Enforce MFA');
    await table.getByText(/^MFA is now enforced\. Members without a second factor have until /).waitFor();
    await table.getByText(/^A second factor is required from /).waitFor();
    await expectAccessible(root, 'deadline set');
    await screenshot(root, 'journey-16-deadline-set');

    // demo-bob signs in with his password alone, and is reminded.
    const bob = await newPage(browser);
    const authenticator = await virtualAuthenticator(bob);
    await bob.goto(`${url}/`);
    await enterPassword(bob, 'demo-bob');
    await bob.getByRole('heading', { name: 'Profile settings' }).waitFor();
    const reminder = bob.locator('mfa-toggle [part~=reminder]');
    await reminder.waitFor();
    assert.match(
      await reminder.innerText(),
      /^Your organization requires a second factor from .+ — in 14 days\. Set it up now\.$/,
    );
    assert.equal(await reminder.getAttribute('role'), 'status', 'read once, politely');
    await expectAccessible(bob, 'reminded');
    await screenshot(bob, 'journey-16-reminder');

    // He adds a passkey: his first factor, with recovery codes; the reminder goes.
    const passkeys = bob.locator('passkey-list');
    await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
    await passkeys.getByText(/was added: MFA is on\. Save these recovery codes now/).waitFor();
    assert.equal((await authenticator.credentials()).length, 1);
    await bob.locator('mfa-toggle [part~=reminder]').waitFor({ state: 'detached' });

    // The root's summary counts him among those with a passkey.
    await root.reload();
    await table.getByText('2 of 3 members have no second factor.').waitFor();
    await table.getByLabel('Show only members without a second factor').check();
    await table.locator('tbody tr').first().waitFor();
    const shown = await table.locator('tbody th').allInnerTexts();
    assert.deepEqual(
      shown.map((name) => name.split(/\s/)[0]),
      ['demo-alice', 'demo-root'],
      'bob is no longer listed',
    );
    await expectAccessible(root, 'summary after the passkey');
  } finally {
    await done();
  }
});
