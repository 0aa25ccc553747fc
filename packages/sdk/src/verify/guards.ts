import type { Role } from '../contract/profile.ts';
import type { TokenClaims } from '../contract/tokens.ts';
import { PortcullisError } from '../errors.ts';

/** Refuses (`forbidden`, 403) unless the token's user has the role. */
export function requireRole(claims: TokenClaims, role: Role): void {
  if (claims.role !== role)
    throw new PortcullisError('forbidden', 'This needs another role', {
      status: 403,
      detail: `Only a ${role} user may do this.`,
    });
}

/**
 * Refuses (`reauth_required`, 403) unless the session used two factors and, with `maxAgeSeconds`,
 * signed in or re-authenticated that recently: step-up for the integrator's own sensitive actions.
 */
export function requireMfa(claims: TokenClaims, options: { maxAgeSeconds?: number; now?: () => number } = {}): void {
  if (!claims.amr.includes('mfa')) {
    throw new PortcullisError('reauth_required', 'This needs a second factor', {
      status: 403,
      detail: 'Sign in with a second factor first.',
    });
  }
  const { maxAgeSeconds } = options;
  if (maxAgeSeconds !== undefined && (options.now ?? Date.now)() / 1000 - claims.auth_time > maxAgeSeconds) {
    throw new PortcullisError('reauth_required', 'Confirm your identity again', {
      status: 403,
      detail: `The last sign-in was more than ${maxAgeSeconds} seconds ago.`,
    });
  }
}

/** Headers as web-standard `Request`s carry them, or as Node's `IncomingMessage` (Express, Fastify) does. */
export type RequestLike = { headers: Headers | Record<string, string | string[] | undefined> };

/** The bearer token of `Authorization`; refuses (`invalid_token`, 401) when there is none. */
export function fromRequest(request: RequestLike): string {
  const { headers } = request;
  const header = headers instanceof Headers ? headers.get('authorization') : headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i.exec(value ?? '');
  if (!match)
    throw new PortcullisError('invalid_token', 'The token is not valid', {
      status: 401,
      detail: 'Send the token as Authorization: Bearer <token>.',
    });
  return match[1]!;
}
