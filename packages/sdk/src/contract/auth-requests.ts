import * as z from 'zod/mini';
import { tokenTypeSchema } from './auth.ts';
import { webauthnResponseSchema } from './passkey-requests.ts';
import { codeSchema, loginUsernameSchema, passwordSchema } from './request-fields.ts';

export const loginRequestSchema = z.strictObject({
  username: loginUsernameSchema,
  password: passwordSchema,
  tokenType: z.optional(tokenTypeSchema),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

const challengeIdSchema = z.string().check(z.minLength(1), z.maxLength(128));
/** The second step: a TOTP or recovery code, or a passkey's answer to the challenge's options. */
export const mfaLoginRequestSchema = z.union([
  z.strictObject({ challengeId: challengeIdSchema, code: codeSchema }),
  z.strictObject({ challengeId: challengeIdSchema, webauthn: webauthnResponseSchema }),
]);
export type MfaLoginRequest = z.input<typeof mfaLoginRequestSchema>;

/** The password (plus a code where an authenticator is linked), or a passkey, which is both at once. */
export const reauthRequestSchema = z.union([
  z.strictObject({ password: passwordSchema, code: z.optional(codeSchema) }),
  z.strictObject({ webauthn: webauthnResponseSchema }),
]);
export type ReauthRequest = z.input<typeof reauthRequestSchema>;
