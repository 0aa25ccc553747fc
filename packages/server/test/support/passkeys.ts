import { endpoints } from '@portcullis/sdk/contract';
import type { Harness } from './harness.ts';
import { softAuthenticator, type SoftCredential } from './soft-authenticator.ts';

/** The harness serves `http://localhost`: that is the relying party its passkeys answer. */
export const authenticator = softAuthenticator({ origin: 'http://localhost', rpId: 'localhost' });

/** Registers a new passkey for the session's user through the API; answers the credential and the reply. */
export async function registerPasskey(h: Harness, token: string, name?: string) {
  const options = await h.request(endpoints.startPasskeyRegistration, { token });
  if (options.status !== 200) throw new Error(`registration options: ${options.status} ${options.text}`);
  const { credential, response } = await authenticator.register({ challenge: options.body.challenge });
  const reply = await h.request(endpoints.finishPasskeyRegistration, {
    token,
    body: { response, ...(name ? { name } : {}) },
  });
  return { credential, reply };
}

/** A bearer session from a sign-in with the passkey alone. */
export async function signInWithPasskey(h: Harness, credential: SoftCredential, options: { userHandle?: string } = {}) {
  const start = await h.request(endpoints.startPasskeyLogin);
  const response = await authenticator.assert(credential, { challenge: start.body.options.challenge, ...options });
  return h.request(endpoints.finishPasskeyLogin, {
    body: { challengeId: start.body.challengeId, response, tokenType: 'bearer' },
  });
}
