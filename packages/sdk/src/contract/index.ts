/**
 * The Portcullis HTTP contract: zod schemas of every request, response and problem body,
 * shared by the server (to parse input) and the SDK (to check what it receives).
 * @packageDocumentation
 */
export * from './problem.ts';
export * from './scalars.ts';
export * from './request-fields.ts';
export * from './auth.ts';
export * from './auth-requests.ts';
export * from './me.ts';
export * from './me-requests.ts';
export * from './org.ts';
export * from './org-requests.ts';
export * from './password-policy.ts';
export * from './passkeys.ts';
export * from './passkey-requests.ts';
export * from './tokens.ts';
export { anyEndpointErrors, endpoints, routes } from './routes.ts';
export type { RouteSpec, Access, EndpointName, Endpoints } from './routes.ts';
export type { ParamNames, PathParams, HasParams } from './path-params.ts';
