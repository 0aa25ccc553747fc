import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { expectAccessible, journey, password, repo, screenshot, screenshotDir } from './harness.ts';

test('journey 15: the portal in Arabic, right to left, on a phone and on a desktop: sign in, the profile, no sideways scrolling, accessible', async () => {
  const { server, browser, done } = await journey();
  try {
    for (const [name, viewport] of [
      ['phone', { width: 375, height: 812 }],
      ['desktop', { width: 1000, height: 900 }],
    ] as const) {
      const page = await (await browser.newContext({ viewport })).newPage();
      await page.goto(`${server.url}/?lang=ar`);
      const form = page.locator('login-form');
      await form.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      await form.getByLabel('اسم المستخدم').fill('demo-root');
      await form.getByLabel('كلمة المرور', { exact: true }).fill(password);
      await form.getByRole('button', { name: 'تسجيل الدخول', exact: true }).click();
      await page.getByRole('heading', { name: 'إعدادات الملف الشخصي' }).waitFor();
      await page.getByRole('table', { name: 'المستخدمون' }).waitFor();
      await page.getByRole('row', { name: /demo-alice/ }).waitFor();
      assert.equal(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        0,
        `${name}: no sideways scrolling`,
      );
      await expectAccessible(page, `Arabic, ${name}`);
      await screenshot(page, `journey-15-arabic-${name}`);
    }
    // The README shows these two (docs/screenshots/): `UPDATE_README_SCREENSHOTS=1` refreshes them.
    if (process.env.UPDATE_README_SCREENSHOTS !== '1') return;
    mkdirSync(join(repo, 'docs', 'screenshots'), { recursive: true });
    for (const name of ['phone', 'desktop'])
      copyFileSync(
        join(screenshotDir, `journey-15-arabic-${name}.png`),
        join(repo, 'docs', 'screenshots', `profile-ar-${name}.png`),
      );
  } finally {
    await done();
  }
});
