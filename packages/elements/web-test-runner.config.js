// Element tests in Debian's Chromium. Inside the page, Mock Service Worker serves our own server
// handler (`createApp` over the in-memory store), so every element meets the real rules.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const serviceWorker = readFileSync(here('../../node_modules/msw/lib/mockServiceWorker.js'));

export default {
  rootDir: here('../..'),
  files: [here('src/**/*.test.ts')],
  // The other packages' sources (their `@portcullis/source` export), not their builds.
  nodeResolve: { exportConditions: ['@portcullis/source', 'browser', 'development'] },
  concurrency: 1,
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 60000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: here('tsconfig.json') })],
  middleware: [
    // A page under a strict Content-Security-Policy, for the CSP test.
    function strictCspPage(context, next) {
      if (context.path !== '/csp/page.html') return next();
      context.type = 'text/html';
      context.set('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'");
      context.body = '<!doctype html><html lang="en"><head><title>CSP</title><script type="module" src="/packages/elements/test/csp-fixture.ts"></script></head><body></body></html>';
      return undefined;
    },
    // The worker must be served from the root for its scope to cover the test pages.
    function mockServiceWorker(context, next) {
      if (context.path !== '/mockServiceWorker.js') return next();
      context.type = 'application/javascript';
      context.set('Service-Worker-Allowed', '/');
      context.body = serviceWorker;
      return undefined;
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
      },
    }),
  ],
};
