import { credentialIdOf, verifyAssertion, type RelyingParty } from '../../crypto/webauthn.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import type { PasskeyRecord, UserRecord } from '../../store/store.ts';
import { securityEvent, type RequestMeta } from '../events.ts';

/**
 * Checks a passkey's answer to `challenge`: the credential must be one of `user`'s passkeys (or,
 * for a sign-in with a passkey alone, anyone's), the signature, origin, RP ID and user
 * verification must hold, and the signature counter must grow where the authenticator counts,
 * claimed atomically so two uses of one answer cannot both pass (a cloned credential shows as a
 * counter going backwards). Logs `passkey_used`. Throws `failure` (the caller's code) otherwise.
 */
export async function verifyPasskeyAnswer(
  services: Services,
  rp: RelyingParty,
  expected: { user: UserRecord | null; challenge: string },
  response: unknown,
  meta: RequestMeta,
  failure: 'invalid_code' | 'invalid_credentials',
): Promise<{ passkey: PasskeyRecord; user: UserRecord }> {
  const refuse = () => new DomainError(failure, { detail: 'The passkey was not accepted.' });
  const credentialId = credentialIdOf(response);
  const passkey = credentialId === null ? null : await services.store.findPasskeyByCredentialId(credentialId);
  if (!passkey || (expected.user && passkey.userId !== expected.user.id)) throw refuse();
  const user = expected.user ?? (await services.store.getUser(passkey.userId));
  if (!user) throw refuse();
  const counter = await verifyAssertion(rp, response, expected.challenge, passkey);
  const now = services.clock.now();
  if (counter === null || !(await services.store.usePasskey(passkey.id, counter, now))) throw refuse();
  await services.store.appendEvent(securityEvent('passkey_used', now, meta, user));
  return { passkey: { ...passkey, counter, lastUsedAt: now }, user };
}
