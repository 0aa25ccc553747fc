import type { MiddlewareHandler } from 'hono';
import { authenticate } from '../domain/sessions/sessions.ts';
import type { Services } from '../services.ts';
import type { AppEnv } from './env.ts';
import { DomainError } from '../domain/errors.ts';
import { readSessionToken } from './session-token.ts';

/** Lets through only requests with a live session; a login challenge is not one (security rule 13, docs/architecture.md). */
export function requireSession(services: Services): MiddlewareHandler<AppEnv> {
  return async function sessionGate(c, next) {
    const presented = readSessionToken(c);
    const auth = presented && (await authenticate(services, presented.token, presented.tokenType));
    if (!auth) throw new DomainError('unauthenticated');
    c.set('auth', auth);
    return next();
  };
}

/** Organization endpoints are the root user's alone, checked on the server (security rule 19, docs/architecture.md). */
export const requireRoot: MiddlewareHandler<AppEnv> = async function rootGate(c, next) {
  if (c.get('auth').user.role !== 'root') {
    throw new DomainError('forbidden', { detail: 'Only the root user manages the organization.' });
  }
  return next();
};
