import { Hono } from 'hono';
import { hasSecondFactor } from '../domain/mfa/mfa-state.ts';
import { passwordPolicyFor } from '../domain/password/password-policy.ts';
import { authenticate } from '../domain/sessions/sessions.ts';
import type { AppEnv } from '../http/env.ts';
import { readSessionToken } from '../http/session-token.ts';
import type { Services } from '../services.ts';
import { openApiDocument } from './openapi-document.ts';

/** Public endpoints: the password policy, the contract and liveness. */
export function metaRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const document = openApiDocument();

  app.get('/password-policy', async (c) => {
    // With a session, the caller's own minimum (8 only with an authenticator linked); without one,
    // the single-factor minimum.
    const presented = readSessionToken(c);
    const auth = presented && (await authenticate(services, presented.token, presented.tokenType));
    return c.json(passwordPolicyFor(services, auth ? hasSecondFactor(auth.user) : null));
  });
  app.get('/openapi.json', (c) => c.json(document));
  // For load balancers: 200 while this instance can reach its database, 503 `unavailable` otherwise.
  app.get('/health', async (c) => {
    await services.store.ping();
    c.header('cache-control', 'no-store');
    return c.json({ status: 'ok' as const });
  });
  return app;
}
