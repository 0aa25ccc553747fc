import { problemStatus, type Problem, type ProblemCode } from '@portcullis/sdk/contract';
import type { DomainError } from '../domain/errors.ts';
import { apiResponse } from './api-response.ts';

const titles: Record<ProblemCode, string> = {
  invalid_request: 'The request is not valid',
  invalid_credentials: 'Wrong username or password',
  invalid_code: 'The code is not valid',
  challenge_expired: 'The sign-in attempt expired; start again',
  rate_limited: 'Too many attempts; wait before trying again',
  unauthenticated: 'Sign in to continue',
  forbidden: 'Not allowed',
  reauth_required: 'Confirm your identity to continue',
  mfa_enforced: 'Your organization requires MFA',
  password_policy: 'The password does not meet the policy',
  not_found: 'Not found',
  conflict: 'Conflicts with the current state',
  payload_too_large: 'The request body is too large',
  unavailable: 'The service cannot reach its database; try again shortly',
  internal_error: 'Something went wrong on our side',
  invalid_token: 'The token is not valid',
};

/** The problem+json body of a domain error, with the title that belongs to its code. */
export function problemBody(error: DomainError): Problem {
  return {
    type: `https://portcullis.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: titles[error.code],
    status: problemStatus[error.code],
    code: error.code,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    ...(error.errors === undefined ? {} : { errors: error.errors }),
    ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    ...(error.rows === undefined ? {} : { rows: error.rows }),
  };
}

/** The `application/problem+json` answer to a domain error (how a request flows, step 6, `docs/architecture.md`). */
export function problemResponse(error: DomainError): Response {
  const body = problemBody(error);
  const extra: [string, string][] = [];
  if (error.retryAfter !== undefined) extra.push(['retry-after', String(error.retryAfter)]);
  // The unread rest of an oversize body would be taken for the next request on a kept-alive
  // connection: close it, so the client's next call opens a clean one.
  if (error.code === 'payload_too_large') extra.push(['connection', 'close']);
  return apiResponse(JSON.stringify(body), body.status, extra, 'problem');
}
