import * as z from 'zod/mini';
import { passwordInputMaxLength } from './request-fields.ts';
import { idSchema } from './scalars.ts';

/** At most this many users per import call (#19); a larger file goes in batches (the CLI does). */
export const maxImportBatch = 1000;

/**
 * One user to import. `passwordHash` (a PHC or modular-crypt string: `$argon2id$`, `$argon2i$`,
 * `$2a$`/`$2b$`/`$2y$`, `$scrypt$`, `$pbkdf2-sha256$`, `$pbkdf2-sha512$`) or `password`, one of
 * them; `totpSecret` (base32) carries an authenticator app over; `mfaRequired` turns MFA on (set
 * up at the next sign-in where no secret came along). Each row is checked by the server, and
 * every bad row is reported (`rows` in the problem).
 */
export const importUserSchema = z.strictObject({
  username: z.string().check(z.maxLength(256)),
  passwordHash: z.optional(z.string().check(z.maxLength(1024))),
  password: z.optional(z.string().check(z.maxLength(passwordInputMaxLength))),
  totpSecret: z.optional(z.string().check(z.maxLength(256))),
  mfaRequired: z.optional(z.boolean()),
});
export type ImportUser = z.input<typeof importUserSchema>;

export const importUsersRequestSchema = z.strictObject({
  users: z.array(importUserSchema).check(z.minLength(1), z.maxLength(maxImportBatch)),
});
export type ImportUsersRequest = z.input<typeof importUsersRequestSchema>;

export const importUsersResponseSchema = z.object({
  imported: z.number(),
  users: z.array(z.object({ id: idSchema, username: z.string() })),
});
export type ImportUsersResponse = z.infer<typeof importUsersResponseSchema>;

/** Why a row of an import was refused; nothing of the call was imported then. */
export const importRowCodes = [
  'conflict',
  'invalid_username',
  'password_required',
  'invalid_hash',
  'unsupported_hash',
  'weak_password',
  'invalid_totp_secret',
] as const;
export type ImportRowCode = (typeof importRowCodes)[number];

export const importRowErrorSchema = z.object({
  /** The row's position in `users`, from 0. */
  index: z.number(),
  code: z.enum(importRowCodes),
  detail: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;
