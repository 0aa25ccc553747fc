import type * as z from 'zod/mini';
import type { ProblemCode } from './problem.ts';

/**
 * Who may call a route: anyone, a sign-in in progress, any signed-in user, the organization's
 * root user in a session (`root`), or the root user or one of the organization's API keys
 * (`org`: the admin API, docs/architecture.md). An API key is refused on every other route.
 */
export type Access = 'public' | 'challenge' | 'session' | 'root' | 'org';

/** One endpoint of the contract, apart from its schemas: where it is, who may call it, what it may answer. */
export interface RouteMeta {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI-style path under `/api/v1` (at the origin's root with `atRoot`), parameters as `{id}`. */
  readonly path: string;
  /** Served at the origin's root, where a well-known path must be, not under `/api/v1`. */
  readonly atRoot?: true;
  readonly summary: string;
  readonly access: Access;
  /** 204: no body (and no `response` schema). */
  readonly status: 200 | 201 | 204;
  readonly errors: readonly ProblemCode[];
  /** A larger body than the usual 64 KiB, for the few entries that take a batch. */
  readonly maxBodyBytes?: number;
}

/** What an endpoint takes and answers. */
export interface RouteSchemas {
  readonly body?: z.core.$ZodType;
  readonly query?: z.core.$ZodType;
  /** The success body; absent for 204. */
  readonly response?: z.core.$ZodType;
}

/** One endpoint of the contract with its schemas: what the server mounts and the OpenAPI document shows. */
export interface RouteSpec extends RouteMeta, RouteSchemas {}

/**
 * What any endpoint may answer besides the codes its entry lists: a request for another host or
 * from another origin (`forbidden`), a body over the limit, a database that cannot be reached,
 * an unexpected fault (a plain 500), an API key where none is accepted (`unauthenticated`).
 */
export const anyEndpointErrors = [
  'forbidden',
  // An organization API key presented anywhere but the organization endpoints.
  'unauthenticated',
  'payload_too_large',
  'unavailable',
  'internal_error',
] as const satisfies readonly ProblemCode[];

export const sessionErrors = ['unauthenticated'] as const;
export const reauthErrors = ['unauthenticated', 'reauth_required'] as const;
export const rootErrors = ['unauthenticated', 'forbidden'] as const;
/** The admin API: an API key over its own request budget waits (`rate_limited`). */
export const orgErrors = ['unauthenticated', 'forbidden', 'rate_limited'] as const;

/** An entry of a part of the route table: a route by its name, its schemas apart. */
export type NamedRoute = RouteMeta & { readonly name: string };

/** The schemas of every entry of a part of the route table, by name: none missing, none extra. */
export type SchemasOf<T extends readonly NamedRoute[]> = { readonly [N in T[number]['name']]: RouteSchemas };

/** The endpoint of each name. */
export type ByName<T extends readonly NamedRoute[]> = { readonly [R in T[number] as R['name']]: R };

/** A part of the route table by name, for the code that calls by name. */
export const byName = <T extends readonly NamedRoute[]>(table: T): ByName<T> =>
  Object.fromEntries(table.map((route) => [route.name, route])) as ByName<T>;

/** Each entry of a part of the table with its schemas. */
export type WithSchemas<T extends readonly NamedRoute[], S extends SchemasOf<T>> = {
  readonly [K in keyof T]: T[K] & S[T[K]['name'] & keyof S];
};

/** Puts each entry and its schemas together (the server's and the OpenAPI document's view). */
export const withSchemas = <T extends readonly NamedRoute[], S extends SchemasOf<T>>(table: T, schemas: S) =>
  table.map((route) => ({ ...route, ...schemas[route.name as keyof S] })) as unknown as WithSchemas<T, S>;
