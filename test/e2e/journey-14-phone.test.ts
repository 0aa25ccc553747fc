import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { expectAccessible, journey, mfaSwitch, screenshot, signInEnrolling, signOut } from './harness.ts';

/** The page's horizontal overflow: how far its content reaches past the window (0 when none). */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('journey 14: on a phone (375 px) a root signs in, enrolls, and uses the users table without scrolling sideways', async () => {
  const { server, browser, done } = await journey();
  try {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await signInEnrolling(page, server.url, 'demo-alice');
    await mfaSwitch(page).click();
    await page.getByText('Set up your authenticator app now, or at your next sign-in.').first().waitFor();
    await signOut(page);
    const { secret } = await signInEnrolling(page, server.url, 'demo-alice');
    assert.ok(secret, 'demo-alice enrolled on the phone');
    assert.equal(await sidewaysScroll(page), 0, 'the profile after enrolling');
    await signOut(page);

    await signInEnrolling(page, server.url, 'demo-root');
    const table = page.getByRole('table', { name: 'Users' });
    await table.waitFor();
    await page.getByRole('row', { name: /demo-alice/ }).waitFor();
    assert.equal(await sidewaysScroll(page), 0, "the root's page with the users table");
    const reset = page.getByRole('button', { name: 'Reset MFA for demo-alice' });
    const box = await reset.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 375, 'the row actions are on screen');
    assert.ok(box.height >= 24 && box.width >= 24, 'and big enough to tap');
    await expectAccessible(page, 'the root on a phone');
    await screenshot(page, 'journey-14-phone');
  } finally {
    await done();
  }
});
