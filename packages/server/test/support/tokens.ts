import { endpoints } from '@portcullis/sdk/contract';
import { createVerifier, type VerifierOptions } from '@portcullis/sdk/verify';
import type { Harness } from './harness.ts';

/** A token for the bearer session, as `POST /me/token` answers it. */
export async function tokenFor(h: Harness, session: string): Promise<string> {
  const reply = await h.request(endpoints.issueToken, { token: session });
  if (reply.status !== 200) throw new Error(`token: ${reply.status} ${reply.text}`);
  return reply.body.token;
}

/** The integrator's verifier, fetching the JWKS from the harness's app and living on its clock. */
export function verifierFor(h: Harness, options: Partial<VerifierOptions> & { fetches?: string[] } = {}) {
  const { fetches, ...rest } = options;
  return createVerifier({
    issuer: 'http://localhost',
    audience: 'http://localhost',
    fetch: (async (url: string | URL | Request, init?: RequestInit) => {
      fetches?.push(String(url));
      return h.app.fetch(new Request(url, init));
    }) as typeof fetch,
    now: () => h.clock.now(),
    ...rest,
  });
}
