import ky, { type KyInstance } from 'ky';
import * as z from 'zod/mini';
import type { Emitter } from './client-events.ts';
import { pathWith, type HasParams, type PathParams } from './contract/path-params.ts';
import type { RouteSpec } from './contract/routes.ts';
import { PortcullisError } from './errors.ts';
import { toPortcullisError } from './to-portcullis-error.ts';

export interface TransportOptions {
  baseUrl: string;
  fetch?: typeof globalThis.fetch | undefined;
  timeout: number;
  retry: number;
}

/** What a call sends besides the entry: the path's parameters (required, by name, when it has any), a body, a query. */
export type CallOptions<R extends RouteSpec> = (HasParams<R['path']> extends true
  ? { params: PathParams<R['path']> }
  : { params?: undefined }) & {
  json?: unknown;
  searchParams?: Record<string, string | number | undefined>;
};

/** The options argument: required when the path has parameters. */
type CallArgs<R extends RouteSpec> =
  HasParams<R['path']> extends true ? [options: CallOptions<R>] : [options?: CallOptions<R>];

/** What an endpoint answers: its response schema's output, or nothing (204). */
type Result<R extends RouteSpec> = R extends { readonly response: infer S extends z.core.$ZodType }
  ? z.output<S>
  : undefined;

/**
 * Sends one request: ky for timeouts, retries and hooks; the contract schema for the answer;
 * `toPortcullisError` for every failure. Bearer tokens are added here and nowhere else.
 */
export function createTransport(options: TransportOptions, getToken: () => string | undefined, emitter: Emitter) {
  const http: KyInstance = ky.create({
    prefixUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    credentials: 'include',
    timeout: options.timeout,
    // Only reads are retried: a retried write could apply twice or answer misleadingly.
    retry: { limit: options.retry, methods: ['get'], statusCodes: [408, 429, 500, 502, 503, 504] },
    hooks: {
      beforeRequest: [
        (request) => {
          const token = getToken();
          if (token !== undefined) request.headers.set('authorization', `Bearer ${token}`);
        },
      ],
    },
  });

  /** Calls one endpoint of the contract, by its entry in the route table. */
  return async function call<R extends RouteSpec>(route: R, ...[options]: CallArgs<R>): Promise<Result<R>> {
    const { params, json, searchParams } = (options ?? {}) as CallOptions<RouteSpec> & {
      params?: Readonly<Record<string, string>>;
    };
    const { method } = route;
    // The entry's path under the API root (ky's prefixUrl adds the root).
    const path = pathWith(route, params).slice(1);
    const schema = route.response;
    let body: unknown;
    try {
      const query = searchParams && Object.fromEntries(Object.entries(searchParams).filter(([, v]) => v !== undefined));
      const response = await http(path, {
        method,
        ...(json === undefined ? {} : { json }),
        ...(query ? { searchParams: query as Record<string, string | number> } : {}),
      });
      if (schema === undefined) return undefined as Result<R>;
      body = await response.json();
    } catch (thrown) {
      const error = await toPortcullisError(thrown);
      if (error.code === 'unauthenticated') emitter.emit('session-expired', error);
      if (error.code === 'reauth_required') emitter.emit('reauth-required', error);
      throw error;
    }
    const parsed = z.safeParse(schema as z.core.$ZodType, body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || '(body)';
      throw new PortcullisError(
        'invalid_response',
        `Unexpected answer from ${method.toUpperCase()} ${path}: ${field}: ${issue?.message ?? 'invalid'}`,
        {
          cause: parsed.error,
        },
      );
    }
    return parsed.data as Result<R>;
  };
}
export type Transport = ReturnType<typeof createTransport>;
