import * as z from 'zod/mini';
import { enrollmentSchema } from './mfa.ts';
import { passkeyOptionsSchema, webauthnResponseSchema } from './passkeys.ts';
import { meSchema } from './profile.ts';
import { codeSchema, loginUsernameSchema, passwordSchema } from './request-fields.ts';
import { timestampSchema, tokenTypeSchema } from './scalars.ts';

// Signing in: the password, then the MFA step (domain/login).

/** The short-lived, single-use state between the password and the second factor. */
export const challengeSchema = z.object({
  id: z.string(),
  expiresAt: timestampSchema,
  /** What may answer it: the app's code, a passkey, a recovery code (those the person has). */
  methods: z.optional(z.array(z.enum(['totp', 'passkey', 'recovery_code']))),
  /** When a passkey may answer: the request options for `navigator.credentials.get`. */
  passkeyOptions: z.optional(passkeyOptionsSchema),
});
export type Challenge = z.infer<typeof challengeSchema>;

export const authenticatedSchema = z.object({
  status: z.literal('authenticated'),
  user: meSchema,
  token: z.optional(z.string()),
  recoveryCodes: z.optional(z.array(z.string())),
});
export type Authenticated = z.infer<typeof authenticatedSchema>;

/**
 * Under the organization's phishing-resistant level (#30), a sign-in proven with the app or a
 * recovery code continues only by registering a passkey: `POST /login/passkey/setup` with the
 * answer to these creation options. The challenge can do nothing else.
 */
export const passkeySetupRequiredSchema = z.object({
  status: z.literal('passkey_setup_required'),
  challenge: challengeSchema,
  passkeyOptions: passkeyOptionsSchema,
});
export type PasskeySetupRequired = z.infer<typeof passkeySetupRequiredSchema>;

export const loginResponseSchema = z.discriminatedUnion('status', [
  authenticatedSchema,
  z.object({ status: z.literal('mfa_required'), challenge: challengeSchema }),
  z.object({
    status: z.literal('mfa_setup_required'),
    challenge: challengeSchema,
    /** The app's secret; absent where only a passkey may be set up (the phishing-resistant level). */
    enrollment: z.optional(enrollmentSchema),
    /** To enroll a passkey instead of the app: creation options for `navigator.credentials.create`. */
    passkeyOptions: z.optional(passkeyOptionsSchema),
  }),
  passkeySetupRequiredSchema,
]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** What the MFA step answers: signed in, or (phishing-resistant level) a passkey to register first. */
export const mfaStepResponseSchema = z.discriminatedUnion('status', [authenticatedSchema, passkeySetupRequiredSchema]);
export type MfaStepResponse = z.infer<typeof mfaStepResponseSchema>;

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

/** The passkey registered to finish a `passkey_setup_required` sign-in. */
export const passkeySetupRequestSchema = z.strictObject({
  challengeId: challengeIdSchema,
  webauthn: webauthnResponseSchema,
});
export type PasskeySetupRequest = z.input<typeof passkeySetupRequestSchema>;
