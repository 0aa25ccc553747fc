import * as z from 'zod/mini';
import { idSchema, timestampSchema } from './scalars.ts';

export const roleSchema = z.enum(['root', 'subuser']);
export type Role = z.infer<typeof roleSchema>;

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
});
export type MfaState = z.infer<typeof mfaStateSchema>;

export const sessionInfoSchema = z.object({
  expiresAt: timestampSchema,
  /** Until when sensitive changes are allowed without asking again; null when not recent. */
  reauthUntil: z.nullable(timestampSchema),
  /** Whether that recent authentication included the second factor. */
  reauthSecondFactor: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const meSchema = z.object({
  id: idSchema,
  username: z.string(),
  role: roleSchema,
  organization: z.object({ id: idSchema, name: z.string() }),
  mfa: mfaStateSchema,
  session: sessionInfoSchema,
});
export type Me = z.infer<typeof meSchema>;

export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponseSchema>;
