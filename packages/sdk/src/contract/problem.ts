import * as z from 'zod/mini';
import { importRowErrorSchema } from './user-import.ts';

/** Every stable error `code` the API answers with, one per kind of failure a caller can act on. */
export const problemCodes = [
  'invalid_request',
  'invalid_credentials',
  'invalid_code',
  'challenge_expired',
  'rate_limited',
  'unauthenticated',
  'forbidden',
  'reauth_required',
  'mfa_enforced',
  'password_policy',
  'not_found',
  'conflict',
  'payload_too_large',
  'unavailable',
  'internal_error',
  'invalid_token',
] as const;

/** A stable error code of the API. */
export type ProblemCode = (typeof problemCodes)[number];

/** The HTTP status that goes with each code; 401 means only "no valid session". */
export const problemStatus: Readonly<Record<ProblemCode, number>> = {
  invalid_request: 400,
  invalid_credentials: 400,
  invalid_code: 400,
  challenge_expired: 400,
  rate_limited: 429,
  unauthenticated: 401,
  forbidden: 403,
  reauth_required: 403,
  mfa_enforced: 403,
  password_policy: 400,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unavailable: 503,
  internal_error: 500,
  // Not the account API's own: what the verify helper, and the integrator's backend with it, answer for a bad token.
  invalid_token: 401,
};

/** Why a password was refused; doubles as a translation key in the elements. */
export const passwordRuleCodes = ['too_short', 'too_long', 'common', 'breached', 'contains_username'] as const;
export type PasswordRuleCode = (typeof passwordRuleCodes)[number];

export const fieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.optional(z.string()),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem details with our stable `code`. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.enum(problemCodes),
  detail: z.optional(z.string()),
  errors: z.optional(z.array(fieldErrorSchema)),
  retryAfter: z.optional(z.number()),
  /** A user import's bad rows, every one of them (#19). */
  rows: z.optional(z.array(importRowErrorSchema)),
});
export type Problem = z.infer<typeof problemSchema>;
