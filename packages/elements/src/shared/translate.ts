import { isPortcullisError } from '@portcullis/sdk';
import type { MessageKey, Messages, PluralForms } from '../locales/en.ts';

/** Fills `{name}` placeholders; values are plain text and are rendered as text by Lit. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Languages written right to left, whose texts isolate the values put into them. */
const rightToLeft = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);
export const isRightToLeft = (language: string | undefined): boolean =>
  rightToLeft.has((language ?? '').split('-')[0]!.toLowerCase());

/** Made once per language: building an `Intl` formatter costs more than using it, and renders call `t()` often. */
const formatters = new Map<string, { plurals: Intl.PluralRules; numbers: Intl.NumberFormat }>();
function formattersFor(language: string | undefined) {
  const key = language ?? '';
  let made = formatters.get(key);
  if (!made) {
    made = { plurals: new Intl.PluralRules(language), numbers: new Intl.NumberFormat(language) };
    formatters.set(key, made);
  }
  return made;
}

/**
 * A message in `language`: the form of its plural that `{count}` calls for (`Intl.PluralRules`,
 * falling back to the plain key), numbers written the language's way (`Intl.NumberFormat`), and,
 * in a right-to-left language, each value set apart as its own direction (Unicode isolates), so a
 * username or an address never reads backwards.
 */
export function translate(
  messages: Messages,
  key: MessageKey,
  values: Record<string, string | number> = {},
  language?: string,
): string {
  const { plurals, numbers } = formattersFor(language);
  const count = values.count;
  const form = typeof count === 'number' ? messages[`${key}#${plurals.select(count)}` as keyof PluralForms] : undefined;
  const isolate = isRightToLeft(language);
  const shown = Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      const text = typeof value === 'number' ? numbers.format(value) : value;
      return [name, isolate ? `\u2068${text}\u2069` : text];
    }),
  );
  return format(form ?? messages[key], shown);
}

/**
 * Whether the server refused a change until an authenticator is linked: no password or code can
 * answer that, only "Set up now".
 */
export function needsEnrollment(error: unknown): boolean {
  return isPortcullisError(error, 'reauth_required') && error.errors.some((field) => field.path === 'enrollment');
}

/**
 * The readable message for an error of a passkey ceremony: the server's refusal of the passkey's
 * answer (`invalid_code` at the MFA step, `invalid_credentials` for a sign-in with it alone)
 * names the passkey, not a code or a password.
 */
export function passkeyErrorMessage(messages: Messages, error: unknown): string {
  if (isPortcullisError(error, 'invalid_code') || isPortcullisError(error, 'invalid_credentials'))
    return messages['error.passkey_rejected'];
  return errorMessage(messages, error);
}

/** The readable message for any error, keyed by its code; never the server's raw text. */
export function errorMessage(messages: Messages, error: unknown): string {
  if (!isPortcullisError(error)) return messages['error.invalid_response'];
  if (needsEnrollment(error)) return messages['error.mfa_setup_required'];
  const key = `error.${error.code}` as MessageKey;
  return format(messages[key] ?? messages['error.invalid_response'], { seconds: error.retryAfter ?? 1 });
}
