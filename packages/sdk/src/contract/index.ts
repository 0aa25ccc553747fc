/**
 * The Portcullis HTTP contract: zod schemas of every request, response and problem body,
 * shared by the server (to parse input) and the SDK (to check what it receives).
 * @packageDocumentation
 */
export * from './problem.ts';
export * from './fields.ts';
export * from './auth.ts';
export * from './me.ts';
export * from './org.ts';
export * from './password-policy.ts';
export { routes } from './routes.ts';
export type { RouteSpec, Access } from './routes.ts';
