import { createRemoteJWKSet, customFetch, jwtVerify, type FetchImplementation } from 'jose';
import * as z from 'zod/mini';
import { tokenClaimsSchema, type TokenClaims } from '../contract/tokens.ts';
import { PortcullisError } from '../errors.ts';

/** Where tokens come from and whom they must be for. */
export interface VerifierOptions {
  /** The account server's public origin, as in the tokens' `iss`: `https://accounts.example.com`. */
  issuer: string;
  /** This backend's audience (the server's `--token-audience`, by default its issuer); one match is enough. */
  audience: string | readonly string[];
  /** Where the public keys are; `<issuer>/.well-known/jwks.json` unless given. */
  jwksUrl?: string | URL;
  /** A fetch to use instead of the global one, for the JWKS only. */
  fetch?: typeof globalThis.fetch;
  /** Seconds of clock difference forgiven on `exp` and `nbf` (default 10). */
  clockToleranceSeconds?: number;
  /** Milliseconds since the epoch, for tests that control time (default `Date.now`). */
  now?: () => number;
}

/** Checks tokens of one issuer for one audience. */
export interface Verifier {
  /** The token's claims, typed; rejects with `invalid_token` (401) and the reason in `detail`, or `unavailable` (503) when the keys cannot be fetched. */
  verify(token: string): Promise<TokenClaims>;
}

/** A refetch for an unknown key id happens at most this often, so a flood of forged kids cannot hammer the issuer. */
const refetchPauseMs = 60_000;

const invalid = (detail: string, cause?: unknown) =>
  new PortcullisError('invalid_token', 'The token is not valid', {
    status: 401,
    detail,
    ...(cause === undefined ? {} : { cause }),
  });

/** The reason a check failed, in words; never the token or a claim's value. */
function reasonOf(error: { code?: unknown; claim?: unknown }): string | undefined {
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return 'The token has expired.';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (error.claim === 'iss') return 'The token was issued by another server.';
      if (error.claim === 'aud') return 'The token is meant for another audience.';
      if (error.claim === 'nbf' || error.claim === 'iat') return 'The token is not valid yet.';
      return 'A claim of the token does not hold.';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'The signature does not verify.';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'The token was not signed with a key this issuer publishes.';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'The token is not signed with EdDSA.';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'Not a well-formed token.';
    default:
      return undefined;
  }
}

/**
 * A verifier for the account server's tokens, with web crypto only (Node 20+, Deno, Bun, edge
 * workers). The JWKS is cached; a token with an unknown key id refetches it at most once a
 * minute, and is refused if the key is still not there: a token we did not sign is not ours.
 */
export function createVerifier(options: VerifierOptions): Verifier {
  const issuer = new URL(options.issuer).origin;
  const jwksUrl = new URL(options.jwksUrl ?? `${issuer}/.well-known/jwks.json`);
  const fetchJwks = options.fetch;
  const keys = createRemoteJWKSet(jwksUrl, {
    cooldownDuration: refetchPauseMs,
    ...(fetchJwks ? { [customFetch]: ((url, init) => fetchJwks(url, init)) satisfies FetchImplementation } : {}),
  });
  const audience = typeof options.audience === 'string' ? options.audience : [...options.audience];
  const now = options.now ?? Date.now;
  return {
    async verify(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 8192)
        throw invalid('Not a well-formed token.');
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['EdDSA'],
          typ: 'JWT',
          issuer,
          audience,
          currentDate: new Date(now()),
          clockTolerance: options.clockToleranceSeconds ?? 10,
          requiredClaims: ['sub', 'exp', 'iat', 'nbf', 'jti'],
        }));
      } catch (error) {
        const reason = reasonOf(error as { code?: unknown; claim?: unknown });
        if (reason) throw invalid(reason, error);
        // The keys could not be fetched: a fault between servers, not the caller's token.
        throw new PortcullisError('unavailable', "The issuer's public keys could not be fetched", {
          status: 503,
          cause: error,
        });
      }
      const claims = z.safeParse(tokenClaimsSchema, payload);
      if (!claims.success) throw invalid('The token lacks the claims of a Portcullis token.');
      return claims.data;
    },
  };
}
