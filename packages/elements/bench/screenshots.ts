/**
 * `npm run screenshots -w @portcullis/elements`: writes docs/profile-settings-root-{light,dark}.png,
 * the root user's <profile-settings>, from the same page the render benchmark uses.
 */
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, servePage } from './serve-page.ts';

const { url, stop } = await servePage();
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
try {
  for (const theme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 900, height: 1100 }, colorScheme: theme });
    await page.goto(`${url}?theme=${theme}`);
    await page.waitForFunction(() => typeof (window as unknown as { renderMs?: number }).renderMs === 'number');
    const path = fileURLToPath(new URL(`../../../docs/profile-settings-root-${theme}.png`, import.meta.url));
    await page.locator('profile-settings').screenshot({ path });
    console.log(`wrote ${path}`);
    await page.close();
  }
} finally {
  await browser.close();
  await stop();
}
