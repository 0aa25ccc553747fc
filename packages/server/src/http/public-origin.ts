import type { MiddlewareHandler } from 'hono';
import type { AppEnv, RequestOrigin } from './env.ts';
import { DomainError } from '../domain/errors.ts';

const secureCookie = '__Host-portcullis-session';
const plainCookie = 'portcullis-session';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a host name (or listening address) stays on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The local end of the socket a request arrived on. */
export interface ListenAddress {
  address: string;
  port: number;
}

/** Whether a requested host names the listening socket: `localhost` or its own address, and its port. */
function listensAt(requested: URL, listening: ListenAddress): boolean {
  const port = requested.port === '' ? (requested.protocol === 'https:' ? 443 : 80) : Number(requested.port);
  const host = requested.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return port === listening.port && (host === 'localhost' || host === listening.address);
}

/** A proxy appends its own value to any the client sent: only the last one is the proxy's. */
function lastForwarded(value: string | undefined): string | undefined {
  return value?.split(',').at(-1)?.trim() || undefined;
}

/** The host a request names, normalised (default port, case) the way URL does; null if it is not one. */
function parseHost(protocol: string, host: string): URL | null {
  try {
    return new URL(`${protocol}//${host}`);
  } catch {
    return null;
  }
}

function originOf(protocol: string, secure: boolean, host: string): RequestOrigin {
  return { origin: `${protocol}//${host}`, secure, cookieName: secure ? secureCookie : plainCookie };
}

/**
 * Works out which origin a request is for, from configuration rather than from `Host`
 * (security rule 27, docs/architecture.md). With a public origin, any other host is refused (a DNS-rebinding page has
 * the attacker's name in `Host`), and the cookie's name and `Secure` follow the configured
 * scheme. Without one, only loopback hosts are served. Under `trustProxy`, the host and scheme
 * are the ones the proxy set in `X-Forwarded-Host` and `X-Forwarded-Proto`.
 */
export function publicOriginGate(
  settings: { publicOrigin: string | null; trustProxy: boolean },
  listenAddress?: (env: unknown) => ListenAddress | null,
): MiddlewareHandler<AppEnv> {
  const configured = settings.publicOrigin === null ? null : new URL(settings.publicOrigin);
  if (configured && configured.origin !== settings.publicOrigin)
    throw new Error(`Not an origin: ${settings.publicOrigin}`);
  const fixed = configured && originOf(configured.protocol, configured.protocol === 'https:', configured.host);
  /** The origin a request is for, or why it is refused, from everything that decides it. */
  function decide(
    requestOrigin: string,
    forwardedHost: string | undefined,
    forwardedProto: string | undefined,
    listening: ListenAddress | null,
  ): RequestOrigin | string {
    const url = new URL(requestOrigin);
    const protocol = forwardedProto ? `${forwardedProto.toLowerCase()}:` : url.protocol;
    const requested = parseHost(configured?.protocol ?? protocol, forwardedHost ?? url.host);
    if (fixed && configured)
      return requested?.host === configured.host ? fixed : 'This server does not answer for that host.';
    if (!requested || !isLoopbackHost(requested.hostname) || !['http:', 'https:'].includes(protocol))
      return 'Without a public origin, this server answers only for localhost.';
    // Reached directly on a socket, the origin is the one it listens at: a page on another
    // local port (another program's) must not pass its own origin off as ours, so a passkey
    // made for it is never accepted here.
    if (listening && !listensAt(requested, listening))
      return 'Without a public origin, this server answers only for the address and port it listens on.';
    return originOf(protocol, protocol === 'https:', requested.host);
  }
  // The answer depends only on the strings in the key, so it is kept: parsing two URLs on every
  // request was a tenth of GET /me (#21). Bounded, so that made-up hosts cannot grow it.
  const decided = new Map<string, RequestOrigin | string>();
  return async function checkHost(c, next) {
    const url = c.req.url;
    const requestOrigin = url.slice(0, url.indexOf('/', url.indexOf('//') + 2) >>> 0);
    const forwardedHost = settings.trustProxy ? lastForwarded(c.req.header('x-forwarded-host')) : undefined;
    const forwardedProto = settings.trustProxy ? lastForwarded(c.req.header('x-forwarded-proto')) : undefined;
    const listening = settings.trustProxy ? null : (listenAddress?.(c.env) ?? null);
    // Joined by a line break, which neither a URL nor a header value can hold: no two requests
    // that decide differently share a key.
    const key = [requestOrigin, forwardedHost, forwardedProto, listening?.address, listening?.port].join('\n');
    let origin = decided.get(key);
    if (origin === undefined) {
      origin = decide(requestOrigin, forwardedHost, forwardedProto, listening);
      if (decided.size >= 256) decided.clear();
      decided.set(key, origin);
    }
    if (typeof origin === 'string') throw new DomainError('forbidden', { detail: origin });
    c.set('origin', origin);
    return next();
  };
}
