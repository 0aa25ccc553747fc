/**
 * @portcullis/sdk/verify: checks the account server's short-lived tokens in the integrator's own
 * backend, with web crypto only (Node 20+, Deno, Bun, edge workers). Separate from the client, so
 * it never grows the browser SDK.
 * @packageDocumentation
 */
export { createVerifier } from './verifier.ts';
export type { Verifier, VerifierOptions } from './verifier.ts';
export { fromRequest, requireMfa, requireRole } from './guards.ts';
export type { RequestLike } from './guards.ts';
export { PortcullisError, isPortcullisError } from '../errors.ts';
export type { PortcullisErrorCode } from '../errors.ts';
export type { AuthMethod, TokenClaims } from '../contract/tokens.ts';
