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
  return async function checkHost(c, next) {
    const url = new URL(c.req.url);
    const forwardedHost = settings.trustProxy ? lastForwarded(c.req.header('x-forwarded-host')) : undefined;
    const forwardedProto = settings.trustProxy ? lastForwarded(c.req.header('x-forwarded-proto')) : undefined;
    const protocol = forwardedProto ? `${forwardedProto.toLowerCase()}:` : url.protocol;
    const requested = parseHost(configured?.protocol ?? protocol, forwardedHost ?? url.host);
    if (fixed && configured) {
      if (requested?.host !== configured.host)
        throw new DomainError('forbidden', { detail: 'This server does not answer for that host.' });
      c.set('origin', fixed);
    } else {
      if (!requested || !isLoopbackHost(requested.hostname) || !['http:', 'https:'].includes(protocol)) {
        throw new DomainError('forbidden', {
          detail: 'Without a public origin, this server answers only for localhost.',
        });
      }
      // Reached directly on a socket, the origin is the one it listens at: a page on another
      // local port (another program's) must not pass its own origin off as ours, so a passkey
      // made for it is never accepted here.
      const listening = settings.trustProxy ? null : (listenAddress?.(c.env) ?? null);
      if (listening && !listensAt(requested, listening)) {
        throw new DomainError('forbidden', {
          detail: 'Without a public origin, this server answers only for the address and port it listens on.',
        });
      }
      c.set('origin', originOf(protocol, protocol === 'https:', requested.host));
    }
    return next();
  };
}
