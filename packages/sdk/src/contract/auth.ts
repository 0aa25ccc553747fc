import * as z from 'zod/mini';
import { timestampSchema } from './scalars.ts';
import { meSchema } from './me.ts';
import { passkeyOptionsSchema } from './passkeys.ts';

export const tokenTypeSchema = z.enum(['cookie', 'bearer']);
export type TokenType = z.infer<typeof tokenTypeSchema>;

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

/** What an authenticator app needs; shown during enrollment only, never again. */
export const enrollmentSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  digits: z.literal(6),
  period: z.literal(30),
  algorithm: z.literal('SHA1'),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

/** A "Set up now" enrollment inside a session: the same secret and URI, and when it lapses. */
export const sessionEnrollmentSchema = z.extend(enrollmentSchema, { expiresAt: timestampSchema });
export type SessionEnrollment = z.infer<typeof sessionEnrollmentSchema>;

export const authenticatedSchema = z.object({
  status: z.literal('authenticated'),
  user: meSchema,
  token: z.optional(z.string()),
  recoveryCodes: z.optional(z.array(z.string())),
});
export type Authenticated = z.infer<typeof authenticatedSchema>;

export const loginResponseSchema = z.discriminatedUnion('status', [
  authenticatedSchema,
  z.object({ status: z.literal('mfa_required'), challenge: challengeSchema }),
  z.object({
    status: z.literal('mfa_setup_required'),
    challenge: challengeSchema,
    enrollment: enrollmentSchema,
    /** To enroll a passkey instead of the app: creation options for `navigator.credentials.create`. */
    passkeyOptions: z.optional(passkeyOptionsSchema),
  }),
]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const reauthResponseSchema = z.object({
  reauthUntil: timestampSchema,
  secondFactor: z.boolean(),
});
export type ReauthResponse = z.infer<typeof reauthResponseSchema>;
