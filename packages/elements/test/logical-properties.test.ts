import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src/', import.meta.url));
/** Physical sides in CSS: what a right-to-left page would not mirror. */
const physical =
  /\b(?:margin|padding|border|inset)-(?:left|right)\b|(?<![\w-])(?:left|right)\s*:|text-align:\s*(?:left|right)|float:\s*(?:left|right)|clear:\s*(?:left|right)/g;

test('the elements style with logical properties only (inline-start, not left), so they mirror right to left', () => {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  assert.ok(files.length > 30);
  // Comments aside: they may say "right to left".
  const code = (file: string) => readFileSync(join(src, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const found = files.flatMap((file) => [...code(file).matchAll(physical)].map((match) => `${file}: ${match[0]}`));
  assert.deepEqual(found, []);
});
