import type { TokenResponse } from './contract/tokens.ts';

/** A cached token for the integrator's own backend. */
export interface TokenCache {
  /** The cached token, or a fresh one when it is close to expiry; one request in flight however many callers. */
  get(): Promise<string>;
  /** Forgets the token (the session ended or changed), and any request in flight. */
  drop(): void;
}

/** A token is renewed this long before it expires, so a caller never sends one about to lapse. */
const renewBeforeMs = 30_000;

/**
 * Keeps the last token until shortly before it expires (a token shorter-lived than twice the
 * margin is renewed at half its life). `now` is injected so tests control time.
 */
export function createTokenCache(fetchToken: () => Promise<TokenResponse>, now: () => number = Date.now): TokenCache {
  let cached: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  let generation = 0;
  return {
    get() {
      if (cached && now() < cached.renewAt) return Promise.resolve(cached.token);
      if (inFlight) return inFlight;
      const mine = generation;
      const request = fetchToken()
        .then(({ token, expiresAt }) => {
          const issuedAt = now();
          const life = Date.parse(expiresAt) - issuedAt;
          // A token fetched for a session that has since ended is handed to its caller but not kept.
          if (mine === generation) cached = { token, renewAt: issuedAt + Math.max(0, life - renewBeforeMs, life / 2) };
          return token;
        })
        .finally(() => {
          if (inFlight === request) inFlight = undefined;
        });
      inFlight = request;
      return request;
    },
    drop() {
      generation++;
      cached = undefined;
      inFlight = undefined;
    },
  };
}
