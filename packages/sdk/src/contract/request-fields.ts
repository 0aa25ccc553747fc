import * as z from 'zod/mini';

// Request fields only: the SDK never bundles these (they normalise and check what people type).

/** Upper bound on any password field at the edge, before hashing: keeps Argon2 input bounded. */
export const passwordInputMaxLength = 1024;

/**
 * A username as stored: NFKC, trimmed, lower case, 3–64 of `a-z 0-9 . _ -`, starting with a
 * letter or digit. Case-folding here is what makes "Alice" and "alice" the same account.
 */
export const usernameSchema = z.string().check(
  z.maxLength(256),
  z.normalize('NFKC'),
  z.trim(),
  z.toLowerCase(),
  z.regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, {
    error: 'Use 3–64 characters: letters, digits, dot, underscore or hyphen.',
  }),
);

/** A username typed at login: any text, so that a malformed name fails like an unknown one. */
export const loginUsernameSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(256), z.normalize('NFKC'), z.trim(), z.toLowerCase());

/** A password as typed: never trimmed or truncated; the policy counts code points after NFKC. */
export const passwordSchema = z.string().check(z.minLength(1), z.maxLength(passwordInputMaxLength));

/** A TOTP code (6 digits) or a recovery code; spaces and dashes are tolerated when typed. */
export const codeSchema = z.string().check(z.minLength(1), z.maxLength(64));

/** A name people give something (a passkey, an API key): one line of 1–64 characters, trimmed. */
export const oneLineNameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[^\p{Cc}]*$/u, { error: 'Use one line without control characters.' }),
  );
