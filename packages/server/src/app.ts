import { Hono } from 'hono';
import { routes, type RouteSpec } from '@portcullis/sdk/contract';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppDeps } from './deps.ts';
import { LazyRequestMeta } from './http/request-meta.ts';
import type { AppEnv } from './http/env.ts';
import { originCheck } from './http/origin-check.ts';
import { DomainError } from './domain/errors.ts';
import { problemResponse } from './http/problem.ts';
import { securityHeadersForTheRest } from './http/api-response.ts';
import { publicOriginGate } from './http/public-origin.ts';
import { mountEndpoints } from './routes/endpoint.ts';
import { handlers } from './routes/handlers.ts';
import { createServices } from './services.ts';
import { StoreUnavailableError } from './store/store.ts';
import { createWebhookWorker, type WebhookWorker } from './domain/webhooks/delivery-worker.ts';
import { SealedWithOtherKeyError } from './crypto/secret-box.ts';

/** How long a client should wait before retrying while the database cannot be reached. */
const unavailableRetryMs = 2000;

/** Request bodies above this size are refused with 413 before they are read further. */
export const maxBodyBytes = 64 * 1024;

/** Refuses a body over `bytes` with `payload_too_large`, saying how much is taken. */
function bodyLimiter(bytes: number) {
  const shown = bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
  return bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw new DomainError('payload_too_large', { detail: `Send at most ${shown}.` });
    },
  });
}

/** A web-standard request handler, as Node, Mock Service Worker and any fetch-based host call it. */
export interface PortcullisApp {
  fetch(request: Request, env?: unknown): Promise<Response>;
  /** Hono's in-process helper: `await app.request('/api/v1/me')`. */
  request: Hono<AppEnv>['request'];
  /**
   * The webhook delivery worker (#20): `start()` it in every server process that should send
   * (the Node server does); `deliverDue()` runs one round.
   */
  webhooks: WebhookWorker;
}

/** Builds the account API over the given store, hasher, key, clock and random source. */
export function createApp(deps: AppDeps): PortcullisApp {
  const services = createServices(deps);
  const { settings, logger } = services;
  const api = new Hono<AppEnv>();

  const originGate = publicOriginGate(settings, deps.listenAddress);
  api.use(originGate);
  // CORS only for the origins named in the settings; by default the API is same-origin only.
  if (settings.allowedOrigins.length > 0)
    api.use(
      cors({
        origin: [...settings.allowedOrigins],
        credentials: true,
        allowHeaders: ['Content-Type', 'Authorization'],
        allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        exposeHeaders: ['Retry-After'],
        maxAge: 600,
      }),
    );
  const limitBody = bodyLimiter(maxBodyBytes);
  // The few entries that take a batch (a user import) say how much more they take.
  const largerBodies = new Map(
    (routes as readonly RouteSpec[])
      .filter((route) => route.maxBodyBytes !== undefined && !route.path.includes('{'))
      .map((route) => [`/api/v1${route.path}`, bodyLimiter(route.maxBodyBytes!)]),
  );
  // Reads carry no body; skipping them keeps Node's lazy request object from being materialised.
  api.use((c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : (largerBodies.get(c.req.path) ?? limitBody)(c, next),
  );
  api.use(originCheck(settings.allowedOrigins));
  api.use(function requestMeta(c, next) {
    c.set('meta', new LazyRequestMeta(c, deps.clientAddress));
    return next();
  });
  const all = handlers();
  mountEndpoints(api, services, all, 'api');
  // Well-known paths sit at the origin's root; they get only the host check, per route, so the
  // API's requests do not pass through it twice.
  const root = new Hono<AppEnv>();
  mountEndpoints(root, services, all, 'root', [originGate]);

  const app = new Hono<AppEnv>();
  // Endpoint answers and problems carry the security headers from the start (http/api-response.ts);
  // anything answered another way gets them here.
  app.use(securityHeadersForTheRest);
  app.route('/api/v1', api);
  app.route('/', root);
  app.notFound(() => problemResponse(new DomainError('not_found')));
  app.onError((error, c) => {
    if (error instanceof DomainError) return problemResponse(error);
    // The database is away: say so, quickly, and when to try again; every change was one
    // transaction, so nothing is half-written.
    if (error instanceof StoreUnavailableError)
      return problemResponse(new DomainError('unavailable', { retryAfterMs: unavailableRetryMs }));
    // The data key was rotated under this running instance (#28 F2): nothing sealed with the old
    // key is stored, and the operator must hear why sign-ins with codes stopped.
    if (error instanceof SealedWithOtherKeyError) {
      logger.error('the data key was rotated (rotate-key): restart this instance with the new key', {
        path: new URL(c.req.url).pathname,
      });
      return problemResponse(new DomainError('unavailable', { retryAfterMs: unavailableRetryMs }));
    }
    // Unexpected: a plain 500 for the caller, and on the server only the kind of error and where,
    // never its message (it could quote input) nor a stack (security rule 25, docs/architecture.md).
    logger.error('unexpected error', {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      error: error instanceof Error ? error.name : typeof error,
    });
    return problemResponse(new DomainError('internal_error'));
  });

  return {
    fetch: (request, env) => Promise.resolve(app.fetch(request, env)),
    request: app.request,
    webhooks: createWebhookWorker(services),
  };
}
