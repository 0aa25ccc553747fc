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
  signOut,
} from './harness.ts';

test('journey 3: root enforces MFA; a subuser must enroll, sees the switch locked, and resets its own MFA', async () => {
  const { server, browser, done } = await journey();
  try {
    const root = await newPage(browser);
    await signInEnrolling(root, server.url, 'demo-root');
    await root.getByRole('checkbox', { name: 'Enforce MFA policy to all users in your organization' }).click();
    const dialog = root.getByRole('dialog', { name: 'Enforce MFA for everyone?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /including you as the root user/);
    await expectAccessible(root, 'enforce confirmation');
    await confirmDialog(root, 'Enforce MFA');
    await root.getByText('MFA is now enforced for every user.').waitFor();
    assert.equal(
      await root.getByRole('checkbox', { name: 'Enforce MFA policy to all users in your organization' }).isChecked(),
      true,
    );
    await expectAccessible(root, 'policy enforced');
    await signOut(root);

    const alice = await newPage(browser);
    const { secret } = await signInEnrolling(alice, server.url, 'demo-alice');
    assert.ok(secret, 'demo-alice had to enroll');
    const toggle = mfaSwitch(alice);
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    assert.equal(await toggle.getAttribute('aria-disabled'), 'true');
    await alice.getByText('Your organization requires MFA for every user, so it cannot be turned off.').waitFor();
    await expectAccessible(alice, 'subuser, switch locked');
    assert.equal(
      await alice.getByRole('heading', { name: 'Organization policies' }).count(),
      0,
      'subusers do not see the policies',
    );

    await alice.getByRole('button', { name: 'Reset MFA', exact: true }).click();
    await confirmDialog(alice, 'Reset MFA');
    await alice.getByText('MFA was reset.').waitFor();
    await screenshot(alice, 'journey-3');
  } finally {
    await done();
  }
});
