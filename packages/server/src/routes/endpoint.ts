import type { Context, Hono, MiddlewareHandler } from 'hono';
import * as z from 'zod/mini';
import { routes, type EndpointName, type Endpoints, type PathParams, type RouteSpec } from '@portcullis/sdk/contract';
import type { RelyingParty } from '../crypto/webauthn.ts';
import type { RequestMeta } from '../domain/events.ts';
import { relyingParty } from '../domain/passkeys/relying-party.ts';
import type { Authenticated } from '../domain/sessions/sessions.ts';
import type { AppEnv } from '../http/env.ts';
import { apiResponse } from '../http/api-response.ts';
import { parseBody, parseQuery } from '../http/parse.ts';
import { refuseApiKey, requireOrgCaller } from '../http/require-org-caller.ts';
import { requireRoot, requireSession } from '../http/require-session.ts';
import type { OrgCaller } from '../domain/org/org-caller.ts';
import type { Services } from '../services.ts';

type Parsed<R, K extends 'body' | 'query'> = R extends { readonly [key in K]: infer S extends z.core.$ZodType }
  ? z.output<S>
  : undefined;

/** What a handler may answer: its endpoint's response body (checked against the schema's input type), or nothing for 204. */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a 204 handler returns nothing, as the domain functions it calls do
type Reply<R> = R extends { readonly response: infer S extends z.core.$ZodType } ? z.input<S> : void;

/** One request to an endpoint, parsed and authorized as its entry in the route table says. */
export interface EndpointCall<R> {
  services: Services;
  /** Hono's context, for the few handlers that set a cookie or a header. */
  c: Context<AppEnv>;
  body: Parsed<R, 'body'>;
  query: Parsed<R, 'query'>;
  /** The `{name}` parts of the path, typed from the entry's path: `{ id: string }` for `/me/passkeys/{id}`. */
  params: R extends { readonly path: infer P extends string } ? PathParams<P> : never;
  /** The caller's session, for endpoints that need one. */
  auth: R extends { readonly access: 'session' | 'root' } ? Authenticated : undefined;
  /** The organization endpoints' caller: the root in a session, or an API key. */
  caller: R extends { readonly access: 'org' } ? OrgCaller : undefined;
  meta: RequestMeta;
  /** The relying party of this request's origin, for passkey ceremonies. */
  rp(): RelyingParty;
}

export type EndpointHandler<R> = (call: EndpointCall<R>) => Promise<Reply<R> | Response> | Reply<R> | Response;

/**
 * A handler for every endpoint of the contract, by name: one missing, one extra, or one whose
 * answer does not match its entry's response schema does not compile.
 */
export type Handlers = { readonly [N in EndpointName]: EndpointHandler<Endpoints[N]> };

/** Handlers for some endpoints; the route files each give those of their concept. */
export type SomeHandlers<N extends EndpointName> = { readonly [K in N]: EndpointHandler<Endpoints[K]> };

const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** Who may call, as the entry's `access` says; an API key only where it is `org`. */
function accessGates(
  access: RouteSpec['access'],
  session: MiddlewareHandler<AppEnv>,
  orgCaller: MiddlewareHandler<AppEnv>,
): MiddlewareHandler<AppEnv>[] {
  switch (access) {
    case 'org':
      return [orgCaller];
    case 'root':
      return [refuseApiKey, session, requireRoot];
    case 'session':
      return [refuseApiKey, session];
    case 'public':
    case 'challenge':
      return [refuseApiKey];
  }
}

/**
 * Mounts the handlers on a router from the route table: the path, the method, who may call (a
 * session, the root), the body and query parsed with the entry's schemas, and the success
 * status. The only place routes are declared on the server. `where` picks the entries under
 * `/api/v1` or those at the origin's root (`atRoot`); `before` runs ahead of each of them.
 */
export function mountEndpoints(
  router: Hono<AppEnv>,
  services: Services,
  handlers: Handlers,
  where: 'api' | 'root',
  before: MiddlewareHandler<AppEnv>[] = [],
): void {
  const session = requireSession(services);
  const orgCaller = requireOrgCaller(services);
  for (const route of routes as readonly (RouteSpec & { name: EndpointName })[]) {
    if ((route.atRoot === true) !== (where === 'root')) continue;
    const handler = handlers[route.name] as EndpointHandler<RouteSpec>;
    const gates = [...before, ...accessGates(route.access, session, orgCaller)];
    const handle: MiddlewareHandler<AppEnv> = async (c) => {
      const call = {
        services,
        c,
        body: route.body ? await parseBody(c, route.body) : undefined,
        query: route.query ? parseQuery(c, route.query) : undefined,
        params: c.req.param(),
        auth: c.get('auth'),
        caller: c.get('caller'),
        meta: c.get('meta'),
        rp: () => relyingParty(services, c.get('origin')),
      } as unknown as EndpointCall<RouteSpec>;
      const reply = await handler(call);
      if (reply instanceof Response) return reply;
      const body = route.status === 204 ? null : JSON.stringify(reply);
      return apiResponse(body, route.status, c.get('responseHeaders'));
    };
    router.on(route.method.toUpperCase(), [honoPath(route.path)], ...gates, handle);
  }
}
