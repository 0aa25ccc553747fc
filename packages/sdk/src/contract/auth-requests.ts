import * as z from 'zod/mini';
import { tokenTypeSchema } from './auth.ts';
import { codeSchema, loginUsernameSchema, passwordSchema } from './request-fields.ts';

export const loginRequestSchema = z.strictObject({
  username: loginUsernameSchema,
  password: passwordSchema,
  tokenType: z.optional(tokenTypeSchema),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

export const mfaLoginRequestSchema = z.strictObject({
  challengeId: z.string().check(z.minLength(1), z.maxLength(128)),
  code: codeSchema,
});
export type MfaLoginRequest = z.input<typeof mfaLoginRequestSchema>;

export const reauthRequestSchema = z.strictObject({
  password: passwordSchema,
  code: z.optional(codeSchema),
});
export type ReauthRequest = z.input<typeof reauthRequestSchema>;
