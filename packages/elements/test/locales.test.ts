import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { en, pluralKeys, type Messages } from '../src/locales/en.ts';
import { translate } from '../src/shared/translate.ts';
import { ar } from '../src/locales/ar.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const baseKeys = (messages: object) => Object.keys(messages).filter((key) => !key.includes('#'));
const pluralForms = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** Every shipped locale, found by its file: a new one is checked without being listed here. */
const shipped = readdirSync(new URL('../src/locales/', import.meta.url)).filter(
  (file) => file.endsWith('.ts') && file !== 'en.ts',
);

test('every locale has exactly the keys of English, each with the same placeholders, none left in English', async () => {
  assert.ok(shipped.length >= 3, `locales found: ${shipped.join(', ')}`);
  for (const file of shipped) {
    const language = file.replace('.ts', '');
    const module = (await import(`../src/locales/${file}`)) as Record<string, Record<string, string>>;
    const messages = module[language];
    assert.ok(messages, `${file} exports \`${language}\``);
    assert.deepEqual(baseKeys(messages).sort(), baseKeys(en).sort(), `${language}: the same keys as English`);
    for (const key of baseKeys(en)) {
      const english = en[key as keyof typeof en]!;
      const text: string = messages[key] ?? '';
      assert.ok(text.trim().length > 0, `${language} ${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(english), `${language} ${key}: placeholders`);
    }
    // Plural forms only for the messages that count, only of the forms Intl.PluralRules names,
    // and with no placeholder the message does not have.
    for (const key of Object.keys(messages).filter((k) => k.includes('#'))) {
      const [base, form] = key.split('#') as [string, string];
      assert.ok((pluralKeys as readonly string[]).includes(base), `${language} ${key}: not a counting message`);
      assert.ok(pluralForms.includes(form), `${language} ${key}: not a plural form`);
      for (const name of placeholders(messages[key]!))
        assert.ok(placeholders(messages[base]!).includes(name), `${language} ${key}: {${name}}`);
    }
    const untranslated = baseKeys(en).filter((key) => {
      const english = en[key as keyof typeof en]!;
      return messages[key] === english && english.length > 12 && /\s/.test(english);
    });
    assert.deepEqual(untranslated, [], `${language}: sentences still in English`);
  }
});

test('plurals follow Intl.PluralRules: Arabic has six forms; English keeps its one and other', () => {
  // Digits as the runtime's CLDR writes numbers in Arabic (Latin or Arabic-Indic, by its version).
  const arabic = (n: number) => new Intl.NumberFormat('ar').format(n);
  const count = (messages: Messages, language: string, n: number) =>
    translate(messages, 'reset.codesLeft', { count: n }, language).replace(/[\u2068\u2069]/g, '');
  assert.deepEqual(
    [0, 1, 2, 3, 11, 100].map((n) => count(ar, 'ar', n)),
    [
      'لم يبقَ لديك أي رمز استرداد غير مستخدم.',
      'لديك رمز استرداد واحد غير مستخدم.',
      'لديك رمزا استرداد غير مستخدمين.',
      `لديك ${arabic(3)} رموز استرداد غير مستخدمة.`,
      `لديك ${arabic(11)} رمزًا للاسترداد غير مستخدم.`,
      `لديك ${arabic(100)} رمز استرداد غير مستخدم.`,
    ],
  );
  assert.equal(count(en, 'en', 1), 'You have 1 unused recovery code.');
  assert.equal(count(en, 'en', 10), 'You have 10 unused recovery codes.');
  assert.equal(count(en, 'en', 0), 'You have 0 unused recovery codes.');
  assert.equal(translate(en, 'org.count', { count: 10_000 }, 'en'), '10,000 users shown', 'numbers the English way');
  assert.equal(translate(en, 'org.count', { count: 10_000 }, 'de').startsWith('10.000'), true, 'and the German way');
});

test('in a right-to-left language each value is isolated, so a username or an address never reads backwards', () => {
  const text = translate(ar, 'org.resetLabel', { username: 'alice-01' }, 'ar');
  assert.equal(text, 'إعادة ضبط المصادقة لـ \u2068alice-01\u2069');
  assert.equal(translate(en, 'org.resetLabel', { username: 'alice-01' }, 'en'), 'Reset MFA for alice-01');
});
