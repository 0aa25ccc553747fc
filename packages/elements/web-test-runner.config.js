// Element tests in Debian's Chromium. Inside the page, Mock Service Worker serves our own server
// handler (`createApp` over the in-memory store), so every element meets the real rules.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Chromium's own virtual authenticator (the DevTools protocol's WebAuthn domain) for the page of
 * a test file: real passkeys, made and used by the browser, with no person to touch a key.
 * `virtual-authenticator` adds one (`payload.userVerified` false plays a person who cancels);
 * `remove-virtual-authenticators` takes them away again.
 */
function virtualAuthenticatorPlugin() {
  const sessions = new Map();
  return {
    name: 'virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      if (command !== 'virtual-authenticator' && command !== 'remove-virtual-authenticators') return undefined;
      let cdp = sessions.get(session.id);
      if (!cdp) {
        cdp = await session.browser.getPage(session.id).createCDPSession();
        await cdp.send('WebAuthn.enable', { enableUI: false });
        sessions.set(session.id, cdp);
      }
      if (command === 'remove-virtual-authenticators') {
        await cdp.send('WebAuthn.disable');
        await cdp.send('WebAuthn.enable', { enableUI: false });
        return true;
      }
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: payload?.userVerified ?? true,
          automaticPresenceSimulation: true,
        },
      });
      return authenticatorId;
    },
  };
}
const serviceWorker = readFileSync(here('../../node_modules/msw/lib/mockServiceWorker.js'));

export default {
  rootDir: here('../..'),
  files: [here('src/**/*.test.ts')],
  // The other packages' sources (their `@portcullis/source` export), not their builds.
  nodeResolve: { exportConditions: ['@portcullis/source', 'browser', 'development'] },
  concurrency: 1,
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 60000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: here('tsconfig.json') }),
    virtualAuthenticatorPlugin(),
  ],
  middleware: [
    // A page under a strict Content-Security-Policy, for the CSP test.
    function strictCspPage(context, next) {
      if (context.path !== '/csp/page.html') return next();
      context.type = 'text/html';
      context.set(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'",
      );
      context.body =
        '<!doctype html><html lang="en"><head><title>CSP</title><script type="module" src="/packages/elements/test/csp-fixture.ts"></script></head><body></body></html>';
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
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-sync',
        ],
      },
    }),
  ],
};
