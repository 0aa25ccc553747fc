import * as z from 'zod/mini';
import { roleSchema } from './profile.ts';
import { timestampSchema } from './scalars.ts';

/** A token for the integrator's own backend, and when it stops being accepted. */
export const tokenResponseSchema = z.object({
  token: z.string(),
  expiresAt: timestampSchema,
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** One public key of the JWKS: Ed25519, for `EdDSA` signatures. */
export const publicJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string(),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});

/** `GET /.well-known/jwks.json`: the keys that verify tokens, public parts only. */
export const jwksSchema = z.object({ keys: z.array(publicJwkSchema) });
export type Jwks = z.infer<typeof jwksSchema>;

/** How the session proved who it is (RFC 8176): a password, a one-time code, a passkey, and `mfa` for two factors. */
export const authMethodSchema = z.enum(['pwd', 'otp', 'swk', 'hwk', 'mfa']);
export type AuthMethod = z.infer<typeof authMethodSchema>;

/** The claims of a token, as `@portcullis/sdk/verify` hands them to the integrator's code. */
export const tokenClaimsSchema = z.object({
  /** The account server's public origin. */
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  /** The user's id. */
  sub: z.string(),
  /** The user's organization id. */
  org: z.string(),
  role: roleSchema,
  username: z.string(),
  amr: z.array(authMethodSchema),
  /** When the session last signed in or re-authenticated, in seconds since the epoch. */
  auth_time: z.number(),
  /** The session's public id (as the session list shows it), never its secret. */
  sid: z.string(),
  iat: z.number(),
  nbf: z.number(),
  exp: z.number(),
  jti: z.string(),
});
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;
