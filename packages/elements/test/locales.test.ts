import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { en } from '../src/locales/en.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every shipped locale, found by its file: a new one is checked without being listed here. */
const shipped = readdirSync(new URL('../src/locales/', import.meta.url)).filter(
  (file) => file.endsWith('.ts') && file !== 'en.ts',
);

test('every locale has exactly the keys of English, each with the same placeholders, none left in English', async () => {
  assert.ok(shipped.length >= 2, `locales found: ${shipped.join(', ')}`);
  for (const file of shipped) {
    const language = file.replace('.ts', '');
    const module = (await import(`../src/locales/${file}`)) as Record<string, Record<string, string>>;
    const messages = module[language];
    assert.ok(messages, `${file} exports \`${language}\``);
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(en).sort(), `${language}: the same keys as English`);
    for (const [key, english] of Object.entries(en)) {
      const text: string = messages[key] ?? '';
      assert.ok(text.trim().length > 0, `${language} ${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(english), `${language} ${key}: placeholders`);
    }
    const untranslated = Object.entries(en).filter(
      ([key, english]) => messages[key] === english && english.length > 12 && /\s/.test(english),
    );
    assert.deepEqual(untranslated, [], `${language}: sentences still in English`);
  }
});
