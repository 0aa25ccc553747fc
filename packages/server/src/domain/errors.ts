import type { FieldError, ProblemCode } from '@portcullis/sdk/contract';

/**
 * A failure the caller can act on, named by the contract's stable code. Thrown by the domain
 * (and by the http layer's own checks); the http layer turns it into an
 * `application/problem+json` answer (`http/problem.ts`), the CLI into one line. Its text never
 * includes a secret.
 */
export class DomainError extends Error {
  readonly code: ProblemCode;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  /** Whole seconds to wait before trying again, for `rate_limited` and `unavailable`. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ProblemCode,
    options: { detail?: string; errors?: FieldError[]; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    // The original failure rides along for the server's own debugging; it never reaches the answer.
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.detail = options.detail;
    this.errors = options.errors;
    this.retryAfter =
      options.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(options.retryAfterMs / 1000));
  }
}
