// The benchmark and screenshot page: the real server handler in the page (no network), a signed-in
// root user, then the elements are defined and <profile-settings> is rendered and timed.
import { createClient } from '@portcullis/sdk';
import { createApp, createMemoryStore, createNobleArgon2Hasher, createOrganization } from '@portcullis/server';
import * as elements from '../src/index.ts';
import { de } from '../src/locales/de.ts';

const password = 'a perfectly long passphrase';
const deps = {
  store: createMemoryStore(),
  hasher: createNobleArgon2Hasher({ memoryKiB: 256, iterations: 1, parallelism: 1 }),
  secretKey: new Uint8Array(32).fill(1),
  logger: { info() {}, error() {} },
};
const app = createApp(deps);
await createOrganization(deps, {
  name: 'Acme',
  root: { username: 'acme-root', password },
  subusers: ['alice', 'bob', 'carol', 'dave', 'erin'].map((username) => ({ username, password })),
});
const fetchFromApp = ((input: RequestInfo | URL, init?: RequestInit) =>
  app.fetch(new Request(input, init))) as typeof fetch;
const client = createClient({ baseUrl: `${location.origin}/api/v1`, fetch: fetchFromApp, tokenType: 'bearer' });
await client.login({ username: 'acme-root', password });
const alice = createClient({ baseUrl: `${location.origin}/api/v1`, fetch: fetchFromApp, tokenType: 'bearer' });
await alice.login({ username: 'alice', password });
await alice.setMfaEnabled(true);

const params = new URLSearchParams(location.search);
if (params.get('lang') === 'de') elements.registerLocale('de', de);
const theme = params.get('theme');
document.documentElement.style.colorScheme = theme ?? 'light';
document.body.className = theme === 'dark' ? 'dark' : 'light';

function complete(page: HTMLElement): boolean {
  const inner = (tag: string) => page.shadowRoot?.querySelector(tag)?.shadowRoot;
  return Boolean(
    inner('mfa-toggle')?.querySelector('[part=switch]') &&
    inner('mfa-reset')?.querySelector('[part=reset]') &&
    inner('password-change')?.querySelector('[part=hints]') &&
    inner('org-policy-table')?.querySelectorAll('tbody tr').length,
  );
}

const started = performance.now();
for (const [tag, constructor] of Object.entries({
  'portcullis-confirm-dialog': elements.PortcullisConfirmDialog,
  'portcullis-reauth-dialog': elements.PortcullisReauthDialog,
  'mfa-toggle': elements.MfaToggle,
  'mfa-reset': elements.MfaReset,
  'password-change': elements.PasswordChange,
  'org-policy-table': elements.OrgPolicyTable,
  'profile-settings': elements.ProfileSettings,
})) {
  customElements.define(tag, constructor);
}
const page = document.createElement('profile-settings');
page.client = client;
if (theme) page.setAttribute('theme', theme);
if (params.get('lang') === 'de') page.messages = de;
document.querySelector('main')!.append(page);
await new Promise<void>((resolve) => {
  const check = () => (complete(page) ? resolve() : requestAnimationFrame(check));
  check();
});
(window as unknown as { renderMs: number }).renderMs = performance.now() - started;
