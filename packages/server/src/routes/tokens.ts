import { jwksMaxAgeSeconds } from '../domain/tokens/signing-keys.ts';
import { issueToken } from '../domain/tokens/issue-token.ts';
import { addResponseHeader } from '../http/api-response.ts';
import type { SomeHandlers } from './endpoint.ts';

/** Tokens for the integrator's own backend, and the public keys that verify them. */
export const tokenHandlers: SomeHandlers<'issueToken' | 'jwks'> = {
  issueToken({ services, auth, c }) {
    return issueToken(services, auth, c.get('origin').origin);
  },
  async jwks({ services, c }) {
    // Verifiers anywhere fetch it (a worker, another origin's backend); it holds public keys only.
    addResponseHeader(c, 'cache-control', `public, max-age=${jwksMaxAgeSeconds}`);
    addResponseHeader(c, 'access-control-allow-origin', '*');
    return services.signingKeys.jwks();
  },
};
