import * as z from 'zod/mini';
import { idSchema, timestampSchema, tokenTypeSchema } from './scalars.ts';
import { oneLineNameSchema } from './request-fields.ts';

// Passkeys: the person's own, and their WebAuthn ceremonies (domain/passkeys).

/** A registered passkey, as its owner sees it. */
export const passkeySchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: timestampSchema,
  lastUsedAt: z.nullable(timestampSchema),
});
export type Passkey = z.infer<typeof passkeySchema>;

/** A passkey just added; the first factor of an account comes with its recovery codes, shown once. */
export const addedPasskeySchema = z.extend(passkeySchema, { recoveryCodes: z.optional(z.array(z.string())) });
export type AddedPasskey = z.infer<typeof addedPasskeySchema>;

export const passkeysSchema = z.object({ items: z.array(passkeySchema) });
export type Passkeys = z.infer<typeof passkeysSchema>;

/**
 * WebAuthn options as `navigator.credentials` expects them (JSON-encoded, as @simplewebauthn
 * makes and reads them): creation options to register, request options to sign in or confirm.
 */
export const passkeyOptionsSchema = z.looseObject({ challenge: z.string() });
export type PasskeyOptions = z.infer<typeof passkeyOptionsSchema> & Record<string, unknown>;

/** The start of a sign-in with a passkey alone. */
export const passkeyLoginStartSchema = z.object({ challengeId: z.string(), options: passkeyOptionsSchema });
export type PasskeyLoginStart = z.infer<typeof passkeyLoginStartSchema>;

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
export const passkeyNameSchema = oneLineNameSchema;

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
