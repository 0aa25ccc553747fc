/**
 * The integrator's own API: it learns who is signed in from the Portcullis token the page sends
 * as `Authorization: Bearer`, verified here with the issuer's public keys, and answers refusals
 * with Portcullis problem codes (`invalid_token` 401, `forbidden` and `reauth_required` 403).
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import {
  createVerifier,
  fromRequest,
  isPortcullisError,
  requireMfa,
  requireRole,
  type TokenClaims,
  type VerifierOptions,
} from '@portcullis/sdk/verify';

export interface BackendOptions extends Pick<VerifierOptions, 'issuer' | 'audience' | 'fetch'> {
  /** Pages that may call this API from the browser (the portal's origin). */
  allowedOrigins?: string[];
}

export function createBackend(options: BackendOptions) {
  const verifier = createVerifier(options);
  const app = new Hono<{ Variables: { claims: TokenClaims } }>();
  app.use(
    '/api/*',
    cors({
      origin: options.allowedOrigins ?? [],
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST'],
    }),
  );
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    c.set('claims', await verifier.verify(fromRequest(c.req.raw)));
    await next();
  });

  // Anyone signed in: who is this, in which organization, and did they use MFA?
  app.get('/api/whoami', (c) => {
    const { sub, username, org, role, amr } = c.get('claims');
    return c.json({ sub, username, org, role, mfa: amr.includes('mfa') });
  });

  // The root only, with a second factor used within the last 10 minutes: step-up for a sensitive action.
  app.post('/api/admin/audit-export', (c) => {
    const claims = c.get('claims');
    requireRole(claims, 'root');
    requireMfa(claims, { maxAgeSeconds: 600 });
    return c.json({ exported: true, org: claims.org, by: claims.username });
  });

  app.onError((error, c) => {
    // Our problem codes, so the page can react as it does to the account API.
    if (isPortcullisError(error)) {
      return c.json(
        { type: 'about:blank', title: error.message, status: error.status, code: error.code, detail: error.detail },
        error.status as 401 | 403 | 503,
        {
          'content-type': 'application/problem+json',
        },
      );
    }
    return c.json({ type: 'about:blank', title: 'Internal error', status: 500, code: 'internal_error' }, 500, {
      'content-type': 'application/problem+json',
    });
  });
  return app;
}
