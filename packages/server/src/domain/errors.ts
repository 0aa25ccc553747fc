import type { FieldError, ImportRowError, ProblemCode } from '@portcullis/sdk/contract';

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
  /** A user import's bad rows. */
  readonly rows: ImportRowError[] | undefined;

  constructor(
    code: ProblemCode,
    options: {
      detail?: string;
      errors?: FieldError[];
      retryAfterMs?: number;
      cause?: unknown;
      rows?: ImportRowError[];
    } = {},
  ) {
    // The original failure rides along for the server's own debugging; it never reaches the answer.
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.detail = options.detail;
    this.errors = options.errors;
    this.rows = options.rows;
    this.retryAfter =
      options.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(options.retryAfterMs / 1000));
  }
}

/** `invalid_request` naming one field: its path, a stable code a client can act on, a readable message. */
export const invalidField = (path: string, code: string, message: string, detail?: string): DomainError =>
  new DomainError('invalid_request', {
    ...(detail === undefined ? {} : { detail }),
    errors: [{ path, code, message }],
  });
