import { newRecoveryCodes, recoveryCodeHash } from '../../crypto/recovery-codes.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { hasSecondFactor } from './mfa-state.ts';
import { requireRecentAuth } from '../sessions/recent-auth.ts';
import type { Authenticated } from '../sessions/sessions.ts';

/** A new set of ten codes; the old set stops working in the same transaction. */
export async function renewRecoveryCodes(
  services: Services,
  auth: Authenticated,
  meta: RequestMeta,
): Promise<string[]> {
  const { user } = auth;
  if (!hasSecondFactor(user)) {
    throw new DomainError('conflict', {
      detail: 'Recovery codes exist only while an authenticator or a passkey is linked.',
    });
  }
  requireRecentAuth(services, auth);
  const codes = newRecoveryCodes(services.random);
  const event = securityEvent('recovery_codes_renewed', services.clock.now(), meta, user);
  if (!(await services.store.replaceRecoveryCodes(user.id, codes.map(recoveryCodeHash), event))) {
    throw new DomainError('conflict', {
      detail: 'Recovery codes exist only while an authenticator or a passkey is linked.',
    });
  }
  return codes;
}
