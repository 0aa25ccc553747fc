import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { enterPassword, expectAccessible, launch, newPage, screenshot, startServer } from './harness.ts';

const dist = fileURLToPath(new URL('../../examples/react/dist', import.meta.url));

test('examples/react: the React wrappers sign in and show the profile page', async () => {
  assert.ok(existsSync(dist), 'npm run build -w @portcullis/example-react ran first (npm run test:e2e does it)');
  const [server, browser] = await Promise.all([startServer(dist), launch()]);
  try {
    const page = await newPage(browser);
    await page.goto(`${server.url}/`);
    await page.locator('login-form').getByRole('heading', { name: 'Sign in' }).waitFor();
    await enterPassword(page, 'demo-alice');
    await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
    await page.getByText('Signed in as demo-alice').waitFor();
    await expectAccessible(page, 'react page, signed in');
    await screenshot(page, 'react-page');
  } finally {
    await browser.close();
    await server.stop();
  }
});
