import { problemStatus, type FieldError, type Problem, type ProblemCode } from '@portcullis/sdk/contract';

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
};

/**
 * A failure the caller can act on. Thrown anywhere in a request and turned into an
 * `application/problem+json` answer by the error handler; its text never includes a secret.
 */
export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ProblemCode, options: { detail?: string; errors?: FieldError[]; retryAfterMs?: number } = {}) {
    super(titles[code]);
    this.name = 'ProblemError';
    this.code = code;
    this.detail = options.detail;
    this.errors = options.errors;
    this.retryAfter = options.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(options.retryAfterMs / 1000));
  }

  toBody(): Problem {
    const status = problemStatus[this.code];
    return {
      type: `https://portcullis.dev/problems/${this.code.replaceAll('_', '-')}`,
      title: titles[this.code],
      status,
      code: this.code,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.errors === undefined ? {} : { errors: this.errors }),
      ...(this.retryAfter === undefined ? {} : { retryAfter: this.retryAfter }),
    };
  }

  toResponse(): Response {
    const body = this.toBody();
    const headers = new Headers({ 'content-type': 'application/problem+json' });
    if (this.retryAfter !== undefined) headers.set('retry-after', String(this.retryAfter));
    // The unread rest of an oversize body would be taken for the next request on a kept-alive
    // connection: close it, so the client's next call opens a clean one.
    if (this.code === 'payload_too_large') headers.set('connection', 'close');
    return new Response(JSON.stringify(body), { status: body.status, headers });
  }
}
