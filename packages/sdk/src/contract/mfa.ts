import * as z from 'zod/mini';
import { codeSchema } from './request-fields.ts';
import { timestampSchema } from './scalars.ts';

// MFA: the state of the person's second factors, the enrollment of an app, recovery codes (domain/mfa).

/** MFA as seen by anyone: `required = enabled || enforced`; `configured` = authenticator linked. */
export const mfaSummarySchema = z.object({
  enabled: z.boolean(),
  enforced: z.boolean(),
  required: z.boolean(),
  configured: z.boolean(),
});
export type MfaSummary = z.infer<typeof mfaSummarySchema>;

export const mfaStateSchema = z.extend(mfaSummarySchema, {
  recoveryCodesLeft: z.number(),
  /** Whether an authenticator app is linked (TOTP codes answer). */
  authenticatorApp: z.boolean(),
  /** How many passkeys the person has; each answers as both factors. */
  passkeys: z.number(),
  /**
   * The organization's MFA deadline while it is ahead and the person has no second factor yet
   * (remind them); null otherwise. From then on the next sign-in asks for the setup.
   */
  requiredFrom: z.nullable(timestampSchema),
  /**
   * The organization accepts only passkeys (from `requiredFrom`, or now): add a passkey rather
   * than the app, which cannot be linked under it.
   */
  phishingResistant: z.boolean(),
});
export type MfaState = z.infer<typeof mfaStateSchema>;

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

export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponseSchema>;

export const setMfaRequestSchema = z.strictObject({ enabled: z.boolean() });
export type SetMfaRequest = z.infer<typeof setMfaRequestSchema>;

/** Confirms a "Set up now" enrollment with the first code from the new authenticator. */
export const confirmEnrollmentRequestSchema = z.strictObject({ code: codeSchema });
export type ConfirmEnrollmentRequest = z.infer<typeof confirmEnrollmentRequestSchema>;
