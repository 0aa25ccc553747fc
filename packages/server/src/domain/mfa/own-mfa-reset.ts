import type { MfaState } from '@portcullis/sdk/contract';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { currentMfaState } from '../sessions/profile.ts';
import { requireRecentAuth } from '../sessions/recent-auth.ts';
import type { Authenticated } from '../sessions/sessions.ts';

/**
 * Unlinks one's own authenticator and recovery codes; `enabled` stays as it was and the next
 * login (or "Set up now") enrolls again. Needs a recent authentication with the second factor:
 * a code from the app when moving devices, a recovery code when the device is lost (SECURITY.md
 * 22). Clears the recent authentication of the user's sessions, so nothing sensitive follows on
 * the strength of the factor just removed.
 */
export async function resetOwnMfa(services: Services, auth: Authenticated, meta: RequestMeta): Promise<MfaState> {
  const { user, org } = auth;
  // With passkeys and no app, a reset would only throw the recovery codes away.
  if (user.totpSecretSealed === null && user.passkeyCount > 0) {
    throw new DomainError('conflict', { detail: 'No authenticator app is linked; passkeys are removed one by one.' });
  }
  requireRecentAuth(services, auth);
  const event = securityEvent('mfa_reset_self', services.clock.now(), meta, user);
  await services.store.unlinkMfa(user.id, { disable: false, endSessions: false }, event);
  return currentMfaState(services, user, org);
}
