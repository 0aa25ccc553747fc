import { accountRoutes } from './account-routes.ts';
import { accountSchemas } from './account-schemas.ts';
import { orgRoutes } from './org-routes.ts';
import { orgSchemas } from './org-schemas.ts';
import { byName, withSchemas, type ByName } from './route-spec.ts';

export { anyEndpointErrors } from './route-spec.ts';
export type { Access, RouteMeta, RouteSchemas, RouteSpec } from './route-spec.ts';

/**
 * The HTTP contract, v1: one entry per endpoint, by name. The server mounts its handlers from
 * these (`packages/server/src/routes/`), the SDK's client calls by them, and the OpenAPI document
 * is generated from them (docs/architecture.md, "The route table").
 */
export const routes = [...withSchemas(accountRoutes, accountSchemas), ...withSchemas(orgRoutes, orgSchemas)] as const;

type Route = (typeof routes)[number];

/** The name of an endpoint of the contract. */
export type EndpointName = Route['name'];

/** The endpoint of each name: what the server mounts a handler on and the client calls. */
export type Endpoints = ByName<typeof routes>;

/** The same entries by name. */
export const endpoints: Endpoints = byName(routes);
