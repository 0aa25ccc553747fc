import type { Context, MiddlewareHandler } from 'hono';
import { authenticateApiKey, looksLikeApiKey } from '../domain/api-keys/api-keys.ts';
import { DomainError } from '../domain/errors.ts';
import type { Services } from '../services.ts';
import type { AppEnv } from './env.ts';
import { requireRoot, requireSession } from './require-session.ts';

/** The API key in `Authorization: Bearer pcl_…`, if that is what was presented. */
function presentedApiKey(c: Context<AppEnv>): string | null {
  const match = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '');
  return match && looksLikeApiKey(match[1] as string) ? (match[1] as string) : null;
}

/**
 * The organization endpoints (`access: 'org'`): an API key of the organization, or the root user
 * in a session (security rules 19 and 31, docs/architecture.md). No CSRF rule applies to a key:
 * it travels in a header no browser attaches on its own.
 */
export function requireOrgCaller(services: Services): MiddlewareHandler<AppEnv> {
  const session = requireSession(services);
  return async function orgCallerGate(c, next) {
    const key = presentedApiKey(c);
    if (key !== null) {
      c.set('caller', await authenticateApiKey(services, key));
      return next();
    }
    await session(c, async () => {
      await requireRoot(c, async () => {
        const auth = c.get('auth');
        c.set('caller', { kind: 'root', org: auth.org, auth });
        await next();
      });
    });
  };
}

/** Everywhere else an API key is refused outright, never mistaken for a session (security rule 31). */
export const refuseApiKey: MiddlewareHandler<AppEnv> = async function apiKeyRefusal(c, next) {
  if (presentedApiKey(c) !== null) {
    throw new DomainError('unauthenticated', {
      detail: 'An API key works on the organization endpoints (/api/v1/org/…) only.',
    });
  }
  return next();
};
