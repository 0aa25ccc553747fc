import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { DomainError } from '../domain/errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing browser requests from other origins (security rule 18, docs/architecture.md), login included.
 * Browsers always send `Origin` on such requests and `Sec-Fetch-Site` where they support it;
 * a request with a bearer token carries no ambient credential and is not a CSRF vector, and a
 * request with neither header does not come from a browser page. The server's own origin is the
 * configured public one, never read from `Host`.
 */
export function originCheck(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  for (const origin of allowedOrigins) {
    if (new URL(origin).origin !== origin) throw new Error(`Not an origin: ${origin}`);
  }
  const allowed = new Set(allowedOrigins);
  return async function checkOrigin(c, next) {
    if (safeMethods.has(c.req.method) || c.req.header('authorization') !== undefined) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    const own = c.get('origin').origin;
    const ok =
      origin !== undefined ? origin === own || allowed.has(origin) : site === undefined || site === 'same-origin';
    if (!ok) throw new DomainError('forbidden', { detail: 'Cross-origin requests are not accepted.' });
    return next();
  };
}
