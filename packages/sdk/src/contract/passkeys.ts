import * as z from 'zod/mini';
import { idSchema, timestampSchema } from './scalars.ts';

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
