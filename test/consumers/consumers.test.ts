/**
 * The packages as users meet them: packed, installed into a fresh project outside the
 * workspace, and used from plain Node, from TypeScript, from a vite app and from a page with no
 * build step, each against the installed `portcullis-server` on plain node.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { confirmSavedCodes, enrollFromPage, enterPassword, launch } from '../e2e/harness.ts';
import { createConsumer, demoPassword, repo, startInstalledServer, type Consumer } from './consumer-project.ts';

let consumer: Consumer;
let browser: Browser;

before(
  async () => {
    [consumer, browser] = await Promise.all([Promise.resolve().then(createConsumer), launch()]);
  },
  { timeout: 600_000 },
);

after(async () => {
  await browser?.close();
});

/** A page that records every console error and uncaught exception. */
async function watchedPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    // The provider asks /api/v1/me whether someone is signed in; a 401 there is the answer, not a fault.
    if (message.type() === 'error' && !/status of 401/.test(message.text()))
      errors.push(`${message.text()} (${message.location().url})`);
  });
  return { page, errors };
}

async function signIn(page: Page, username = 'demo-root') {
  await page.locator('login-form').getByRole('heading', { name: 'Sign in' }).waitFor();
  await enterPassword(page, username, demoPassword);
}

test('a. plain Node: the installed server starts on node, the SDK signs in with a TOTP code in bearer mode, lists the users, and a wrong code is invalid_code', async () => {
  const server = await startInstalledServer(consumer);
  try {
    const run = spawnSync(process.execPath, ['node-sdk.mjs', server.url, demoPassword], {
      cwd: consumer.dir,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim());
    assert.deepEqual(result, {
      status: 'authenticated',
      token: 'string',
      recoveryCodes: 10,
      users: ['demo-alice', 'demo-bob', 'demo-root'],
      next: 'mfa_required',
      wrongCode: { invalidCode: true, status: 400 },
    });
    // No TypeScript runtime, no esbuild: the server package needs neither to run.
    for (const absent of ['tsx', 'esbuild'])
      assert.equal(existsSync(join(consumer.dir, 'node_modules', absent)), false, absent);
  } finally {
    await server.stop();
  }
});

test("f. @portcullis/sdk/verify: plain Node verifies the installed server's token; a bundle for the worker target does it in a browser worker, with nothing from Node", async () => {
  execFileSync(consumer.bin('vite'), ['build', 'verify-worker', '--config', 'verify-worker/vite.config.mjs'], {
    cwd: consumer.dir,
    stdio: 'inherit',
  });
  writeFileSync(
    join(consumer.dir, 'verify-dist', 'index.html'),
    '<!doctype html><html lang="en"><link rel="icon" href="data:,"><title>An edge worker</title></html>',
  );
  const server = await startInstalledServer(consumer, join(consumer.dir, 'verify-dist'));
  try {
    const run = spawnSync(process.execPath, ['verify-node.mjs', server.url, demoPassword], {
      cwd: consumer.dir,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const { token, ...result } = JSON.parse(run.stdout.trim());
    assert.deepEqual(result, { username: 'demo-alice', amr: ['pwd'], forged: { invalidToken: true, status: 401 } });

    const bundle = readFileSync(join(consumer.dir, 'verify-dist', 'verify-worker.js'), 'utf8');
    assert.doesNotMatch(
      bundle,
      /from\s*["']node:|require\(["']node:|from\s*["'](crypto|buffer|util)["']/,
      'nothing from Node in the worker bundle',
    );
    const { page, errors } = await watchedPage();
    // The worker lives on the server's origin, as an edge function beside the API would fetch its keys.
    await page.goto(`${server.url}/`);
    const answer = await page.evaluate(
      (t) =>
        new Promise((resolve) => {
          const worker = new Worker('/verify-worker.js', { type: 'module' });
          worker.onmessage = ({ data }) => resolve(data);
          worker.onerror = (event) => resolve({ error: event.message });
          worker.postMessage(t);
        }),
      token,
    );
    assert.deepEqual(answer, {
      username: 'demo-alice',
      sub: JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub,
    });
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});

test('b. a strict TypeScript consumer without decorator settings type-checks with "bundler" and "node16" resolution', () => {
  for (const config of ['tsconfig.bundler.json', 'tsconfig.node16.json']) {
    const run = spawnSync(consumer.bin('tsc'), ['-p', config], { cwd: consumer.dir, encoding: 'utf8' });
    assert.equal(run.status, 0, `${config}\n${run.stdout}${run.stderr}`);
  }
});

test('c. a vite app importing @portcullis/elements/define: one copy of lit; served by the installed server, sign-in and the switch work', async () => {
  execFileSync(
    consumer.bin('vite'),
    ['build', 'vite-app', '--outDir', '../vite-dist', '--emptyOutDir', '--logLevel', 'error'],
    { cwd: consumer.dir, stdio: 'inherit' },
  );
  const out = join(consumer.dir, 'vite-dist');
  const js = readdirSync(join(out, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(out, 'assets', f), 'utf8'))
    .join('\n');
  // Each copy of lit registers its version once.
  for (const registry of ['litHtmlVersions', 'reactiveElementVersions', 'litElementVersions']) {
    assert.equal(js.split(registry).length - 1, 1, `${registry}: exactly one copy of lit in the build`);
  }
  const server = await startInstalledServer(consumer, out);
  try {
    const { page, errors } = await watchedPage();
    await page.goto(`${server.url}/`);
    await signIn(page);
    await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
    const toggle = page.getByRole('switch', { name: 'Multi-factor authentication (MFA)' });
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    await toggle.click();
    await page.getByText('MFA is on.').waitFor();
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});

test('d. a page with no build step and no script of its own: sign in, enroll, the profile shows, a reload keeps it; no console errors', async () => {
  const page_ = join(consumer.dir, 'no-build');
  const dist = join(consumer.dir, 'node_modules', '@portcullis', 'elements', 'dist');
  for (const file of readdirSync(dist).filter((f) => f.startsWith('portcullis-elements')))
    cpSync(join(dist, file), join(page_, file));
  // Pages load these files as they ship, with no bundler after us: they must come minified.
  for (const file of readdirSync(page_).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(page_, file), 'utf8');
    assert.equal(code.match(/^\s*\/\/(?!# sourceMappingURL=)/gm), null, `${file} carries no comments`);
    assert.ok(code.length / code.split('\n').length > 100, `${file} is not laid out line by line`);
  }
  // Minifying drops the inlined packages' license headers: their notices ship beside the bundle.
  const notices = readFileSync(join(page_, 'portcullis-elements.licenses.txt'), 'utf8');
  for (const name of [
    'lit-html',
    '@lit/reactive-element',
    'ky',
    'zod',
    'lean-qr',
    'bowser',
    '@simplewebauthn/browser',
  ]) {
    assert.match(notices, new RegExp(`^Name: ${name}\n`, 'm'), `the notices name ${name}`);
  }
  assert.match(notices, /Copyright \(c\) Sindre Sorhus/, 'with the license texts');
  const server = await startInstalledServer(consumer, page_);
  try {
    const { page, errors } = await watchedPage();
    const response = await page.goto(`${server.url}/`);
    assert.match(response!.headers()['content-security-policy']!, /script-src 'self'/, "under the server's strict CSP");
    await signIn(page);
    await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
    await page.getByRole('switch', { name: 'Multi-factor authentication (MFA)' }).click();
    await page.getByText('MFA is on.').waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();

    await signIn(page);
    await enrollFromPage(page);
    await confirmSavedCodes(page);
    await page.getByText('You have 10 unused recovery codes.').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
    assert.equal(await page.locator('login-form').count(), 0, 'the signed-in view came back, the form did not');
    assert.equal(await page.evaluate(() => customElements.get('login-form') !== undefined), true);
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});

test('e. publint and arethetypeswrong pass for all three packages; the manifest names shipped files', () => {
  const bin = (name: string) => join(repo, 'node_modules', '.bin', name);
  for (const [name, tarball] of Object.entries(consumer.tarballs)) {
    const lint = spawnSync(bin('publint'), ['run', tarball, '--strict'], { encoding: 'utf8' });
    assert.equal(lint.status, 0, `publint ${name}\n${lint.stdout}${lint.stderr}`);
    assert.match(lint.stdout, /All good/, `publint ${name}`);
    // ESM only, on purpose: CommonJS callers import() it; node10 resolution predates `exports`.
    const types = spawnSync(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], { encoding: 'utf8' });
    assert.equal(types.status, 0, `attw ${name}\n${types.stdout}${types.stderr}`);
  }
  const installed = join(consumer.dir, 'node_modules', '@portcullis', 'elements');
  const manifest = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8')) as {
    modules: { path: string }[];
  };
  for (const module of manifest.modules) assert.ok(existsSync(join(installed, module.path)), module.path);
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.ok(existsSync(join(installed, pkg.customElements)), 'customElements names the shipped manifest');
  for (const unwanted of [
    'tsconfig.json',
    'tsconfig.build.json',
    'size',
    'bench',
    'test',
    'web-test-runner.config.js',
  ]) {
    assert.equal(existsSync(join(installed, unwanted)), false, unwanted);
  }
  assert.equal(
    readdirSync(join(installed, 'src'), { recursive: true }).some((f) => String(f).endsWith('.test.ts')),
    false,
    'no tests shipped',
  );
});

test("g. the README's no-build page in German, exactly as written, and in Arabic: a locale registered after the bundle rendered takes over", async () => {
  // The page and its module, as the elements README shows them (the blocks after their markers).
  const readme = readFileSync(join(repo, 'packages/elements/README.md'), 'utf8');
  const blocks = [...readme.matchAll(/<!-- no-build page: (\S+) -->\n```\w+\n([\s\S]*?)```/g)];
  assert.deepEqual(
    blocks.map((b) => b[1]),
    ['index.html', 'strings.js'],
  );
  const page_ = join(consumer.dir, 'no-build-de');
  const dist = join(consumer.dir, 'node_modules', '@portcullis', 'elements', 'dist');
  mkdirSync(join(page_, 'locales'), { recursive: true });
  for (const file of readdirSync(dist).filter((f) => f.startsWith('portcullis-elements')))
    cpSync(join(dist, file), join(page_, file));
  cpSync(join(dist, 'locales', 'de.js'), join(page_, 'locales', 'de.js'));
  for (const [, name, code] of blocks) writeFileSync(join(page_, name!), code!);
  // And in Arabic, as the README says: the same page with lang="ar" dir="rtl" and `ar` for `de`.
  const arabic = join(page_, 'ar');
  mkdirSync(join(arabic, 'locales'), { recursive: true });
  cpSync(join(dist, 'locales', 'ar.js'), join(arabic, 'locales', 'ar.js'));
  const [[, , html], [, , module]] = blocks as unknown as [[string, string, string], [string, string, string]];
  writeFileSync(
    join(arabic, 'index.html'),
    html.replace('<html lang="de">', '<html lang="ar" dir="rtl">').replaceAll('/strings.js', '/ar/strings.js'),
  );
  writeFileSync(
    join(arabic, 'strings.js'),
    module
      .replaceAll("'de'", "'ar'")
      .replace('{ de }', '{ ar }')
      .replace('/locales/de.js', '/ar/locales/ar.js')
      .replace(', de)', ', ar)'),
  );
  const server = await startInstalledServer(consumer, page_);
  try {
    const { page, errors } = await watchedPage();
    await page.goto(`${server.url}/ar/`);
    await page.locator('login-form').getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    assert.equal(await page.locator('login-form').evaluate((form) => getComputedStyle(form).direction), 'rtl');
    await page.goto(`${server.url}/`);
    await page.locator('login-form').getByRole('heading', { name: 'Anmelden' }).waitFor();
    await page.locator('login-form').getByLabel('Benutzername').fill('demo-root');
    await page.locator('login-form').getByLabel('Passwort', { exact: true }).fill(demoPassword);
    await page.locator('login-form').getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.getByRole('heading', { name: 'Profileinstellungen' }).waitFor();
    // The README's page names no icon, so the browser asks for /favicon.ico on its own.
    assert.deepEqual(
      errors.filter((error) => !/\/favicon\.ico\)$/.test(error)),
      [],
    );
  } finally {
    await server.stop();
  }
});
