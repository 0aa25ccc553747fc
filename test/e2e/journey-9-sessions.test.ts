import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectAccessible, journey, mfaSwitch, newPage, screenshot, signInEnrolling } from './harness.ts';

test('journey 9: signed in in two browsers, the first sees both and ends the other; the other is signed out at its next request', async () => {
  const { server, browser, done } = await journey();
  try {
    const laptop = await newPage(browser);
    await signInEnrolling(laptop, server.url, 'demo-alice');
    const phone = await newPage(browser);
    await signInEnrolling(phone, server.url, 'demo-alice');

    await laptop.reload();
    const list = laptop.locator('session-list');
    await list.getByText('Sessions end after 30 days without activity.').waitFor();
    await list.locator('[part~=row]').nth(1).waitFor();
    assert.equal(await list.locator('[part~=row]').count(), 2);
    assert.equal(await list.locator('[part=this-device]').count(), 1);
    await expectAccessible(laptop, 'the session list');
    await list.getByRole('button', { name: /^Sign out .*, active/ }).click();
    await list.getByText(/was signed out\./).waitFor();
    // The result is announced once the list no longer shows the session.
    assert.equal(await list.locator('[part~=row]').count(), 1);
    await screenshot(laptop, 'journey-9');

    // The phone still shows its page; its next request finds the session over.
    await mfaSwitch(phone).click();
    await phone.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await phone.locator('profile-settings').count(), 0);
  } finally {
    await done();
  }
});
