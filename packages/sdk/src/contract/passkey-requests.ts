import * as z from 'zod/mini';
import { tokenTypeSchema } from './auth.ts';

/**
 * What the browser's authenticator answered, JSON-encoded (a registration or an assertion). Only
 * its outline is checked here; the server verifies every byte of it.
 */
export const webauthnResponseSchema = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(1024)),
  rawId: z.string().check(z.maxLength(1024)),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: z.string().check(z.maxLength(4096)) }),
});
export type WebauthnResponse = z.infer<typeof webauthnResponseSchema>;

/** A passkey's name: what the person calls the device, one line. */
export const passkeyNameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[^\p{Cc}]*$/u, { error: 'Use one line without control characters.' }),
  );

export const registerPasskeyRequestSchema = z.strictObject({
  response: webauthnResponseSchema,
  name: z.optional(passkeyNameSchema),
});
export type RegisterPasskeyRequest = z.input<typeof registerPasskeyRequestSchema>;

export const renamePasskeyRequestSchema = z.strictObject({ name: passkeyNameSchema });
export type RenamePasskeyRequest = z.input<typeof renamePasskeyRequestSchema>;

export const passkeyLoginRequestSchema = z.strictObject({
  challengeId: z.string().check(z.minLength(1), z.maxLength(128)),
  response: webauthnResponseSchema,
  tokenType: z.optional(tokenTypeSchema),
});
export type PasskeyLoginRequest = z.input<typeof passkeyLoginRequestSchema>;
