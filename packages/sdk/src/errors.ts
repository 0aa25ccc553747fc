import type { FieldError, ProblemCode } from './contract/problem.ts';
import type { ImportRowError } from './contract/user-import.ts';

/**
 * Every code a PortcullisError can carry: the contract's, plus what can go wrong on the way, plus
 * the browser's passkey prompt closed (`passkey_cancelled`), timed out (`passkey_timeout`) or not
 * possible here (`passkey_unavailable`: no WebAuthn, an IP address as host, no suitable authenticator).
 */
export type PortcullisErrorCode =
  | ProblemCode
  | 'network'
  | 'timeout'
  | 'invalid_response'
  | 'passkey_cancelled'
  | 'passkey_timeout'
  | 'passkey_unavailable';

/**
 * The one error the SDK throws. `switch (error.code)` narrows; `status` is the HTTP status when
 * the server answered; `retryAfter` is in seconds for `rate_limited`; `cause` is the original.
 */
export class PortcullisError extends Error {
  override readonly name = 'PortcullisError';
  readonly code: PortcullisErrorCode;
  readonly status: number | undefined;
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[];
  readonly retryAfter: number | undefined;
  /** A user import's bad rows (`client.org.importUsers`); empty otherwise. */
  readonly rows: readonly ImportRowError[];

  constructor(
    code: PortcullisErrorCode,
    message: string,
    options: {
      status?: number;
      detail?: string;
      errors?: readonly FieldError[];
      retryAfter?: number;
      rows?: readonly ImportRowError[];
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.detail = options.detail;
    this.errors = options.errors ?? [];
    this.retryAfter = options.retryAfter;
    this.rows = options.rows ?? [];
  }
}

/**
 * Narrows `error` to a PortcullisError, optionally of one code. Checks the name too, so errors
 * from another copy of the SDK (another realm or bundle) are recognised.
 */
export function isPortcullisError<C extends PortcullisErrorCode>(
  error: unknown,
  code?: C,
): error is PortcullisError & { code: C } {
  const candidate = error instanceof PortcullisError || (error instanceof Error && error.name === 'PortcullisError');
  return candidate && (code === undefined || (error as PortcullisError).code === code);
}
