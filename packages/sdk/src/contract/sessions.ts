import * as z from 'zod/mini';
import { webauthnResponseSchema } from './passkeys.ts';
import { codeSchema, passwordSchema } from './request-fields.ts';
import { idSchema, timestampSchema } from './scalars.ts';

// Sessions: where the person is signed in, and re-authentication (domain/sessions).

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

/** The password (plus a code where an authenticator is linked), or a passkey, which is both at once. */
export const reauthRequestSchema = z.union([
  z.strictObject({ password: passwordSchema, code: z.optional(codeSchema) }),
  z.strictObject({ webauthn: webauthnResponseSchema }),
]);
export type ReauthRequest = z.input<typeof reauthRequestSchema>;

export const reauthResponseSchema = z.object({
  reauthUntil: timestampSchema,
  secondFactor: z.boolean(),
});
export type ReauthResponse = z.infer<typeof reauthResponseSchema>;
