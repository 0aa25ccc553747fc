// Runs in Node (not the browser): the committed manifest is what the JSDoc says, for every tag.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
type Declaration = {
  tagName?: string;
  summary?: string;
  events?: { name?: string }[];
  cssParts?: unknown[];
  cssProperties?: unknown[];
};
const declarations = (manifest: { modules: { declarations?: Declaration[] }[] }) =>
  manifest.modules.flatMap((m) => m.declarations ?? []);

test('custom-elements.json is up to date with the sources (npm run build -w @portcullis/elements)', () => {
  // The analyzer takes its output folder relative to the package.
  const out = '.cem-check';
  const cli = fileURLToPath(
    new URL('../../../node_modules/@custom-elements-manifest/analyzer/cem.js', import.meta.url),
  );
  execFileSync(process.execPath, [cli, 'analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, CEM_OUTDIR: out },
  });
  const fresh = JSON.parse(readFileSync(join(root, out, 'custom-elements.json'), 'utf8'));
  rmSync(join(root, out), { recursive: true, force: true });
  // The analyzer visits files in file-system order; compare module by module.
  const byPath = (manifest: { modules: { path: string }[] }) => new Map(manifest.modules.map((m) => [m.path, m]));
  assert.deepEqual(byPath(fresh), byPath(committed));
});

test('every element is documented: summary, events, parts and custom properties', () => {
  const byTag = new Map(
    declarations(committed)
      .filter((d) => d.tagName)
      .map((d) => [d.tagName!, d]),
  );
  for (const tag of [
    'login-form',
    'mfa-toggle',
    'mfa-reset',
    'password-change',
    'org-policy-table',
    'profile-settings',
    'portcullis-provider',
  ]) {
    const element = byTag.get(tag);
    assert.ok(element, tag);
    assert.ok(element.summary, `${tag} has a summary`);
  }
  for (const [tag, event] of [
    ['login-form', 'login'],
    ['mfa-toggle', 'mfa-change'],
    ['password-change', 'password-change'],
    ['org-policy-table', 'org-policy-change'],
  ]) {
    assert.ok(
      byTag.get(tag!)!.events?.some((e) => e.name === event),
      `${tag} fires ${event}`,
    );
  }
  for (const tag of ['login-form', 'mfa-toggle', 'mfa-reset', 'password-change', 'org-policy-table']) {
    assert.ok((byTag.get(tag)!.cssParts ?? []).length >= 3, `${tag} has parts`);
    assert.ok((byTag.get(tag)!.cssProperties ?? []).length >= 1, `${tag} has custom properties`);
  }
});
