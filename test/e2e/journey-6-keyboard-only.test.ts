import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { expectAccessible, journey, mfaSwitch, newPage, password, screenshot } from './harness.ts';

/** What has focus, through shadow roots: tag, part, id and text. */
function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return '';
    return `${active.localName} part=${active.getAttribute('part') ?? ''} id=${active.id} type=${active.getAttribute('type') ?? ''} text=${(active.textContent ?? '').trim()}`;
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would; fails after 40. */
async function tabTo(page: Page, pattern: RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (pattern.test(await focusedElement(page))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${pattern}; focus is on ${await focusedElement(page)}`);
}

async function signInByKeyboard(page: Page) {
  await tabTo(page, /part=username/);
  await page.keyboard.type('demo-root');
  await page.keyboard.press('Tab');
  assert.match(await focusedElement(page), /part=password/);
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

test('journey 6: journey 1 with the keyboard only', async () => {
  const { server, browser, done } = await journey();
  try {
    const page = await newPage(browser);
    await page.goto(`${server.url}/`);
    await page.locator('login-form').getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInByKeyboard(page);
    await page.getByRole('heading', { name: 'Profile settings' }).waitFor();

    await tabTo(page, /part=switch/);
    await page.keyboard.press('Space');
    await page.getByText('Set up your authenticator app now, or at your next sign-in.').first().waitFor();
    assert.match(await focusedElement(page), /part=switch/, 'focus stays on the switch');
    assert.equal(await mfaSwitch(page).getAttribute('aria-checked'), 'true');

    await tabTo(page, /part=sign-out/, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.locator('login-form').getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.localName === 'login-form');
    assert.match(await focusedElement(page), /part=heading/, 'focus moves to the sign-in form');
    await signInByKeyboard(page);

    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    assert.match(await focusedElement(page), /part=heading/, 'focus moves to the new step');
    await page.locator('login-form [part=qr] svg').waitFor();
    const secret = (await page.locator('login-form [part=secret]').innerText()).replaceAll(' ', '');
    await tabTo(page, /part=code/);
    await page.keyboard.type(await generate({ secret }));
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await tabTo(page, /type=checkbox/);
    await page.keyboard.press('Space');
    await tabTo(page, /part=submit/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
    await page.waitForFunction(
      () =>
        document.activeElement?.localName === 'portcullis-signed-in' ||
        document.activeElement?.localName === 'profile-settings',
    );
    assert.match(await focusedElement(page), /part=heading/, 'focus moves to the profile');
    assert.equal(await mfaSwitch(page).getAttribute('aria-checked'), 'true');
    await expectAccessible(page, 'after keyboard-only enrollment');
    await screenshot(page, 'journey-6');
  } finally {
    await done();
  }
});
