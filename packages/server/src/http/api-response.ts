import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * The headers every answer of the API carries, computed once: a JSON API needs only these
 * (docs/architecture.md "The hot path"). Account data is never stored by a cache on the way.
 */
export const securityHeaders: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
});

const withType = (type: string) => Object.freeze({ ...securityHeaders, 'content-type': type });
const jsonHeaders = withType('application/json');
const problemHeaders = withType('application/problem+json');

/** Answers made here already carry the security headers; the catch-all below leaves them be. */
const secured = new WeakSet<Response>();

/**
 * A JSON answer serialised once, its headers a plain record made at start: on Node the adapter
 * writes such a response straight to the socket, with no `Headers` object built per request (#21).
 * `extra` are the few headers a handler adds (a cookie, a cache policy), applied over the defaults.
 */
export function apiResponse(
  body: string | null,
  status: number,
  extra?: readonly (readonly [string, string])[],
  kind: 'json' | 'problem' = 'json',
): Response {
  const base = body === null ? securityHeaders : kind === 'json' ? jsonHeaders : problemHeaders;
  let headers: HeadersInit = base;
  if (extra !== undefined && extra.length > 0) {
    const merged = new Headers(base);
    for (const [name, value] of extra)
      if (name === 'set-cookie') merged.append(name, value);
      else merged.set(name, value);
    headers = merged;
  }
  const response = new Response(body, { status, headers });
  secured.add(response);
  return response;
}

/**
 * Adds a header to the endpoint's answer (a handler's own cache policy, a cookie). Kept on the
 * context, not in Hono's prepared headers, so that an answer without any stays on the fast path.
 */
export function addResponseHeader(c: Context<AppEnv>, name: string, value: string): void {
  const list = c.get('responseHeaders');
  if (list) list.push([name.toLowerCase(), value]);
  else c.set('responseHeaders', [[name.toLowerCase(), value]]);
}

/** Whatever was answered some other way (a static 404 from Hono, a CORS preflight) gets the same headers. */
export const securityHeadersForTheRest: MiddlewareHandler = async function securityHeadersForTheRest(c, next) {
  await next();
  if (secured.has(c.res)) return;
  for (const name in securityHeaders) if (!c.res.headers.has(name)) c.res.headers.set(name, securityHeaders[name]!);
};
