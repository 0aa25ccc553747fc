import type { AddressInfo } from 'node:net';
import { serve, type HttpBindings, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { PortcullisApp } from '../app.ts';
import { normalizeAddress } from '../domain/client-address.ts';

export interface NodeServerOptions {
  port: number;
  host: string;
  /** A folder of static files (the portal) served at `/`; its own path is relative to the cwd. */
  staticDir?: string | undefined;
  /** Origins those pages may call besides this server (the host's own API): their CSP's `connect-src`. */
  connectOrigins?: readonly string[];
}

/** The server could not listen on its address: the port is taken or not allowed. */
export class ListenError extends Error {}

/**
 * The one place that touches `node:http`: serves the API under `/api/v1` (and its
 * `/.well-known/` documents) and, optionally, a
 * folder of static pages under a strict Content-Security-Policy (no inline script or style).
 */
export function startNodeServer(
  api: PortcullisApp,
  options: NodeServerOptions,
): Promise<{ server: ServerType; url: string }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  if (options.staticDir !== undefined) {
    app.use(
      '*',
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", ...(options.connectOrigins ?? [])],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
        referrerPolicy: 'no-referrer',
      }),
    );
    app.use('*', serveStatic({ root: options.staticDir, index: 'index.html' }));
  }
  return new Promise((resolve, reject) => {
    // API requests go straight to the API handler: no second router, and the request is not copied.
    const fetch = (request: Request, env: HttpBindings) => {
      const pathStart = request.url.indexOf('/', request.url.indexOf('//') + 2);
      const toApi = request.url.startsWith('/api/', pathStart) || request.url.startsWith('/.well-known/', pathStart);
      return toApi ? api.fetch(request, env) : app.fetch(request, env);
    };
    // A port in use or not allowed is the operator's to fix: an error to report, not an event that crashes.
    const refused = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? 'the port is in use'
          : error.code === 'EACCES'
            ? 'this user may not use that port'
            : error.message;
      reject(new ListenError(`cannot listen on ${options.host}:${options.port}: ${why}; choose another with --port`));
    };
    const server = serve(
      { fetch: fetch as Parameters<typeof serve>[0]['fetch'], port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        server.off('error', refused);
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({ server, url: `http://${host}:${info.port}` });
      },
    );
    server.once('error', refused);
  });
}

/**
 * The client address for the audit log and the per-address throttle: the socket peer, or behind
 * a trusted proxy the right-most `X-Forwarded-For` entry, the one that proxy added (the ones to
 * its left are whatever the client claimed; only the one hop in front is trusted). A missing or
 * unreadable entry falls back to the socket peer, the proxy itself, so the per-address limit
 * never turns off.
 */
export function nodeClientAddress(trustProxy: boolean) {
  return (request: Request, env: unknown): string | null => {
    const peer = normalizeAddress((env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress);
    if (!trustProxy) return peer;
    return normalizeAddress(request.headers.get('x-forwarded-for')?.split(',').at(-1)) ?? peer;
  };
}

/** The local end of the request's socket: the address (normalised like client addresses) and port it listens at. */
export function nodeListenAddress(env: unknown): { address: string; port: number } | null {
  const socket = (env as Partial<HttpBindings> | undefined)?.incoming?.socket;
  const address = normalizeAddress(socket?.localAddress);
  return address && socket?.localPort ? { address, port: socket.localPort } : null;
}
