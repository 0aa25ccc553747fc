import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { entryComposition } from '../../../scripts/bundle-composition.ts';

const bundleParts = () => entryComposition(fileURLToPath(new URL('../src/bundle.ts', import.meta.url)), 'elements');

test('the bundle loads no zod and no schema with the page: the answers are checked by a chunk loaded at the first call (#21)', async () => {
  const { page, lazy } = await bundleParts();
  assert.ok(page.has('lit-html') && page.has('sdk/client.ts'), [...page.keys()].join(', '));
  for (const group of [
    'zod',
    'sdk/response-check.ts',
    'sdk/contract/account-schemas.ts',
    'sdk/contract/org-schemas.ts',
  ])
    assert.ok(!page.has(group) && lazy.has(group), `${group} is loaded on demand`);
});
