import { newToken, tokenHash } from '../../crypto/tokens.ts';
import { ceremonyTimeoutMs, newChallenge } from '../../crypto/webauthn.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import type { WebauthnChallengeRecord } from '../../store/store.ts';
import type { Authenticated } from '../sessions/sessions.ts';

type Purpose = Exclude<WebauthnChallengeRecord['purpose'], 'login'>;

/**
 * A WebAuthn ceremony of the signed-in person (adding a passkey, confirming identity with one):
 * a fresh challenge that waits, bound to this session, replacing any earlier one of its purpose.
 */
export async function beginSessionCeremony(services: Services, auth: Authenticated, purpose: Purpose): Promise<string> {
  const challenge = newChallenge(services.random);
  await services.store.createWebauthnChallenge({
    idHash: tokenHash(newToken(services.random)),
    purpose,
    userId: auth.user.id,
    sessionHash: auth.session.tokenHash,
    challenge,
    expiresAt: services.clock.now() + ceremonyTimeoutMs,
  });
  return challenge;
}

/** Takes the session's waiting challenge out (single use); `challenge_expired` when there is none or it lapsed. */
export async function takeSessionCeremony(
  services: Services,
  auth: Authenticated,
  purpose: Purpose,
  detail: string,
): Promise<string> {
  const pending = await services.store.consumeWebauthnChallenge({ sessionHash: auth.session.tokenHash, purpose });
  if (!pending || services.clock.now() >= pending.expiresAt) throw new DomainError('challenge_expired', { detail });
  return pending.challenge;
}
