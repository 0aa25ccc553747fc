import * as z from 'zod/mini';
import { idSchema, timestampSchema } from './scalars.ts';
import { mfaSummarySchema } from './mfa.ts';
import { roleSchema } from './profile.ts';
import { passwordSchema, usernameSchema } from './request-fields.ts';

export const orgPolicySchema = z.object({
  enforceMfa: z.boolean(),
  /**
   * From when enforcement binds members who have no second factor yet; until then they sign in
   * with their password and are reminded. Null: at once. Shown as set, also once it has passed.
   */
  mfaDeadline: z.nullable(timestampSchema),
  /**
   * Only a passkey counts as the second factor once enforcement binds (at the deadline when
   * there is one): the phishing-resistant level.
   */
  phishingResistant: z.boolean(),
  updatedAt: timestampSchema,
});
export type OrgPolicy = z.infer<typeof orgPolicySchema>;

/** A member's MFA as the organization sees it: the switch, and which factors are linked. */
export const orgUserMfaSchema = z.extend(mfaSummarySchema, {
  /** How many passkeys (phishing-resistant factors). */
  passkeys: z.number(),
  /** Whether an authenticator app is linked. */
  authenticatorApp: z.boolean(),
});
export type OrgUserMfa = z.infer<typeof orgUserMfaSchema>;

export const orgUserSchema = z.object({
  id: idSchema,
  username: z.string(),
  role: roleSchema,
  mfa: orgUserMfaSchema,
  /**
   * False while the password is still held as an imported hash (or one with older parameters):
   * the next successful sign-in replaces it with the server's Argon2id.
   */
  passwordUpgraded: z.boolean(),
  lastActiveAt: z.nullable(timestampSchema),
  createdAt: timestampSchema,
});
export type OrgUser = z.infer<typeof orgUserSchema>;

export const maxPageSize = 100;

export const orgUsersPageSchema = z.object({
  items: z.array(orgUserSchema),
  nextCursor: z.nullable(z.string()),
});
export type OrgUsersPage = z.infer<typeof orgUsersPageSchema>;

export const securityEventTypes = [
  'login_succeeded',
  'login_failed',
  'mfa_enabled',
  'mfa_disabled',
  'mfa_enrolled',
  'mfa_reset_self',
  'mfa_reset_by_root',
  'recovery_code_used',
  'recovery_codes_renewed',
  'password_changed',
  'org_policy_changed',
  'user_created',
  'user_deleted',
  'mfa_challenge_issued',
  'mfa_code_failed',
  'reauth_failed',
  'account_throttled',
  'session_revoked',
  'other_sessions_revoked',
  'sessions_revoked_by_root',
  'mfa_reset_by_operator',
  'sessions_revoked_by_operator',
  'account_unlocked',
  'passkey_added',
  'passkey_removed',
  'passkey_used',
  'api_key_created',
  'api_key_revoked',
  'webhook_created',
  'webhook_updated',
  'webhook_deleted',
  'webhook_secret_rotated',
  'webhook_disabled',
] as const;
export type SecurityEventType = (typeof securityEventTypes)[number];

const userRefSchema = z.object({ id: idSchema, username: z.string() });

/** The policy as `org_policy_changed` records it, before and after. */
export const orgPolicyValuesSchema = z.object({
  enforceMfa: z.boolean(),
  mfaDeadline: z.nullable(timestampSchema),
  phishingResistant: z.boolean(),
});
export type OrgPolicyValues = z.infer<typeof orgPolicyValuesSchema>;

export const securityEventSchema = z.object({
  id: idSchema,
  type: z.enum(securityEventTypes),
  at: timestampSchema,
  actor: z.nullable(userRefSchema),
  target: z.nullable(userRefSchema),
  clientAddress: z.nullable(z.string()),
  /** Why, where someone said: an operator's reason (a support ticket, say). */
  reason: z.nullable(z.string()),
  /** `org_policy_changed` only: the policy it replaced and the one it set. */
  policy: z.optional(z.object({ old: orgPolicyValuesSchema, new: orgPolicyValuesSchema })),
});
export type SecurityEvent = z.infer<typeof securityEventSchema>;

export const orgEventsPageSchema = z.object({
  items: z.array(securityEventSchema),
  nextCursor: z.nullable(z.string()),
});
export type OrgEventsPage = z.infer<typeof orgEventsPageSchema>;

/** How many members have which second factor: the compliance view of a rollout. */
export const orgMfaSummarySchema = z.object({
  members: z.number(),
  /** Members with at least one passkey. */
  withPasskey: z.number(),
  /** Members with the authenticator app and no passkey. */
  appOnly: z.number(),
  /** Members with no second factor at all. */
  withoutFactor: z.number(),
});
export type OrgMfaSummary = z.infer<typeof orgMfaSummarySchema>;

// Requests
/** The MFA deadline may be at most this far ahead. */
export const maxMfaDeadlineDays = 365;

/**
 * Replaces the policy. `mfaDeadline`: later than now and at most 365 days ahead (the one already
 * set may be sent back as it is, passed or not), or null; omitted means null. Needs `enforceMfa`.
 * `phishingResistant`: only a passkey counts, from the deadline (or at once without one).
 */
export const setOrgPolicyRequestSchema = z.strictObject({
  enforceMfa: z.boolean(),
  mfaDeadline: z.optional(z.nullable(z.iso.datetime({ offset: true }))),
  /** Passkeys only; needs `enforceMfa` and a root with a passkey. Omitted means false. */
  phishingResistant: z.optional(z.boolean()),
});
export type SetOrgPolicyRequest = z.input<typeof setOrgPolicyRequestSchema>;

/** Query strings arrive as text, so `limit` is parsed from its digits. */
const limitSchema = z.optional(
  z.pipe(
    z.string().check(z.regex(/^\d{1,3}$/)),
    z.transform((digits) => Number(digits)),
  ),
);

/** The compliance groups: no second factor, the app and no passkey, at least one passkey. */
export const mfaGroups = ['none', 'app', 'passkey'] as const;
export type MfaGroup = (typeof mfaGroups)[number];

export const orgUsersQuerySchema = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: limitSchema,
  q: z.optional(z.string().check(z.maxLength(64))),
  /** Only the members of one compliance group. */
  mfa: z.optional(z.enum(mfaGroups)),
});
export type OrgUsersQuery = z.input<typeof orgUsersQuerySchema>;

export const createUserRequestSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

/** Events page by 50 unless `limit` (1 to 100) says otherwise. */
export const orgEventsQuerySchema = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: limitSchema,
});
export type OrgEventsQuery = z.input<typeof orgEventsQuerySchema>;
