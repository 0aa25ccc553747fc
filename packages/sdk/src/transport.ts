import ky, { type KyInstance } from 'ky';
import type * as z from 'zod/mini';
import type { Emitter } from './client-events.ts';
import type { accountSchemas } from './contract/account-schemas.ts';
import type { orgSchemas } from './contract/org-schemas.ts';
import { pathWith, type HasParams, type PathParams } from './contract/path-params.ts';
import type { NamedRoute } from './contract/route-spec.ts';
import { onDemand } from './on-demand.ts';
import type { AnswerCheck } from './response-check.ts';
import { toPortcullisError } from './to-portcullis-error.ts';

export interface TransportOptions {
  baseUrl: string;
  fetch?: typeof globalThis.fetch | undefined;
  timeout: number;
  retry: number;
}

/** What a call sends besides the entry: the path's parameters (required, by name, when it has any), a body, a query. */
export type CallOptions<R extends NamedRoute> = (HasParams<R['path']> extends true
  ? { params: PathParams<R['path']> }
  : { params?: undefined }) & {
  json?: unknown;
  searchParams?: Record<string, string | number | undefined>;
};

/** The options argument: required when the path has parameters. */
type CallArgs<R extends NamedRoute> =
  HasParams<R['path']> extends true ? [options: CallOptions<R>] : [options?: CallOptions<R>];

type Schemas = typeof accountSchemas & typeof orgSchemas;

/** What an endpoint answers: its response schema's output, or nothing (204). */
type Result<R extends NamedRoute> = Schemas[R['name'] & keyof Schemas] extends {
  readonly response: infer S extends z.core.$ZodType;
}
  ? z.output<S>
  : undefined;

/**
 * The answers' check loads at the first call, not with the page (docs/architecture.md, "What
 * loads with the page").
 */
const answerCheck = onDemand<AnswerCheck>(() => import('./response-check.ts'), 'The check of the answers');

/**
 * Sends one request: ky for timeouts, retries and hooks; the contract schema for the answer;
 * `toPortcullisError` for every failure. Bearer tokens are added here and nowhere else.
 */
export function createTransport(
  options: TransportOptions,
  getToken: () => string | undefined,
  emitter: Emitter,
  loadCheck: () => Promise<AnswerCheck> = answerCheck,
) {
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
  return async function call<R extends NamedRoute>(route: R, ...[options]: CallArgs<R>): Promise<Result<R>> {
    const { params, json, searchParams } = (options ?? {}) as CallOptions<NamedRoute> & {
      params?: Readonly<Record<string, string>>;
    };
    const { method } = route;
    // The entry's path under the API root (ky's prefixUrl adds the root).
    const path = pathWith(route, params).slice(1);
    const check = route.status === 204 ? undefined : loadCheck();
    // A write waits for the check before it is sent, so a check that cannot load sends nothing;
    // a read loads it beside the request (and meets its failure below).
    if (check && method !== 'get') await check;
    check?.catch(() => undefined);
    let body: unknown;
    try {
      const query = searchParams && Object.fromEntries(Object.entries(searchParams).filter(([, v]) => v !== undefined));
      const response = await http(path, {
        method,
        ...(json === undefined ? {} : { json }),
        ...(query ? { searchParams: query as Record<string, string | number> } : {}),
      });
      if (!check) return undefined as Result<R>;
      body = await response.json();
    } catch (thrown) {
      const error = await toPortcullisError(thrown, loadCheck);
      if (error.code === 'unauthenticated') emitter.emit('session-expired', error);
      if (error.code === 'reauth_required') emitter.emit('reauth-required', error);
      throw error;
    }
    return (await check).checkAnswer(route.name, `${method.toUpperCase()} ${path}`, body) as Result<R>;
  };
}
export type Transport = ReturnType<typeof createTransport>;
