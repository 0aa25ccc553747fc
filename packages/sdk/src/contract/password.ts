import * as z from 'zod/mini';
import { passwordSchema } from './request-fields.ts';

// Passwords: the policy and a change (domain/password).

/** The numbers the password form shows as live hints; the server enforces the same ones. */
export const passwordPolicySchema = z.object({
  /** The minimum for the caller: `minLengthWithMfa` when their MFA is required, else the other. */
  minLength: z.number(),
  maxLength: z.number(),
  minLengthWithMfa: z.number(),
  minLengthWithoutMfa: z.number(),
  /** Lengths are counted in Unicode code points after this normalisation. */
  normalization: z.literal('NFKC'),
  /** What else refuses a password: a shipped common-password list, a breach list, the username. */
  rejects: z.array(z.enum(['common', 'breached', 'contains_username'])),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: passwordSchema,
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.input<typeof changePasswordRequestSchema>;
