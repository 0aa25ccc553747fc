import * as z from 'zod/mini';
import { codeSchema, passwordSchema } from './request-fields.ts';

export const setMfaRequestSchema = z.strictObject({ enabled: z.boolean() });
export type SetMfaRequest = z.infer<typeof setMfaRequestSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: passwordSchema,
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.input<typeof changePasswordRequestSchema>;

/** Confirms a "Set up now" enrollment with the first code from the new authenticator. */
export const confirmEnrollmentRequestSchema = z.strictObject({ code: codeSchema });
export type ConfirmEnrollmentRequest = z.infer<typeof confirmEnrollmentRequestSchema>;
