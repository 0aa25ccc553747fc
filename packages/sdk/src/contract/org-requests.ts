import * as z from 'zod/mini';
import { passwordSchema, usernameSchema } from './request-fields.ts';

export const setOrgPolicyRequestSchema = z.strictObject({ enforceMfa: z.boolean() });
export type SetOrgPolicyRequest = z.infer<typeof setOrgPolicyRequestSchema>;

/** Query strings arrive as text, so `limit` is parsed from its digits. */
export const orgUsersQuerySchema = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/)),
      z.transform((digits) => Number(digits)),
    ),
  ),
  q: z.optional(z.string().check(z.maxLength(64))),
});
export type OrgUsersQuery = z.input<typeof orgUsersQuerySchema>;

export const createUserRequestSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

export const orgEventsQuerySchema = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(512))),
});
