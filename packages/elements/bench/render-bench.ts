/**
 * `npm run bench:render`: time from `customElements.define` to the first complete render of
 * <profile-settings> for the root user (every part showing its data), in Debian's Chromium,
 * each run in a fresh page; prints the median of 20. Asserts nothing.
 */
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, servePage } from './serve-page.ts';

const runs = 20;
const { url, stop } = await servePage();
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
const times: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(
      () => typeof (window as unknown as { renderMs?: number }).renderMs === 'number',
      undefined,
      { timeout: 20_000 },
    );
    times.push(await page.evaluate(() => (window as unknown as { renderMs: number }).renderMs));
    await page.close();
  }
} finally {
  await browser.close();
  await stop();
}
times.sort((a, b) => a - b);
const median = (times[9]! + times[10]!) / 2;
console.log(
  `<profile-settings> for root, customElements.define → complete first render, ${runs} fresh pages in Chromium`,
);
console.log(`  median ${median.toFixed(1)} ms   min ${times[0]!.toFixed(1)} ms   max ${times.at(-1)!.toFixed(1)} ms`);
console.log(
  '  (the account API answers inside the page, so this is the elements’ own cost plus the SDK and the server handler)',
);
