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
  /** Whether an authenticator app is linked (TOTP codes answer). */
  authenticatorApp: z.boolean(),
  /** How many passkeys the person has; each answers as both factors. */
  passkeys: z.number(),
});
export type MfaState = z.infer<typeof mfaStateSchema>;

export const sessionInfoSchema = z.object({
  expiresAt: timestampSchema,
  /** Until when sensitive changes are allowed without asking again; null when not recent. */
  reauthUntil: z.nullable(timestampSchema),
  /** Whether that recent authentication included the second factor. */
  reauthSecondFactor: z.boolean(),
  /** Sessions end after this long without activity (the server's setting; 30 days by default). */
  idleTimeoutSeconds: z.number(),
  /** …and after this long in any case (90 days by default). */
  maxLifetimeSeconds: z.number(),
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

/** One place the person is signed in. `id` is a public handle, never the token nor its hash. */
export const sessionSummarySchema = z.object({
  id: idSchema,
  /** The session this request came with. */
  current: z.boolean(),
  createdAt: timestampSchema,
  lastSeenAt: timestampSchema,
  /** When it ends if nothing more happens: the idle limit or the absolute one, whichever is first. */
  expiresAt: timestampSchema,
  userAgent: z.nullable(z.string()),
  clientAddress: z.nullable(z.string()),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const sessionsSchema = z.object({ items: z.array(sessionSummarySchema) });
export type Sessions = z.infer<typeof sessionsSchema>;

/** How many sessions a "sign out everywhere" ended. */
export const revokedSchema = z.object({ revoked: z.number() });
export type Revoked = z.infer<typeof revokedSchema>;

export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponseSchema>;
