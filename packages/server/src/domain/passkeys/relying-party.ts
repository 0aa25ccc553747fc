import type { RelyingParty } from '../../crypto/webauthn.ts';
import type { Services } from '../../services.ts';

/**
 * The relying party of a request: the origin the API is served at (`--public-origin`, or the
 * loopback origin it was reached on), its host name as the RP ID, the TOTP issuer as its name.
 */
export function relyingParty(services: Services, origin: { origin: string }): RelyingParty {
  return { name: services.settings.totpIssuer, id: new URL(origin.origin).hostname, origin: origin.origin };
}
