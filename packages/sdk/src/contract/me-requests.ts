import * as z from 'zod/mini';
import { passwordSchema } from './request-fields.ts';

export const setMfaRequestSchema = z.strictObject({ enabled: z.boolean() });
export type SetMfaRequest = z.infer<typeof setMfaRequestSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: passwordSchema,
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.input<typeof changePasswordRequestSchema>;
