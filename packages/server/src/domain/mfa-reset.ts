import type { MfaState } from '@portcullis/sdk/contract';
import type { Services } from '../services.ts';
import { securityEvent, type RequestMeta } from './events.ts';
import { currentMfaState } from './profile.ts';
import { requireRecentAuth } from './recent-auth.ts';
import type { Authenticated } from './sessions.ts';

/**
 * Unlinks one's own authenticator and recovery codes; `enabled` stays as it was and the next
 * login enrolls again. Needs only a recent password, by design: the lost-device promise.
 */
export async function resetOwnMfa(services: Services, auth: Authenticated, meta: RequestMeta): Promise<MfaState> {
  requireRecentAuth(services, auth, 'password');
  const { user, org } = auth;
  const event = securityEvent('mfa_reset_self', services.clock.now(), meta, user);
  await services.store.unlinkMfa(user.id, { disable: false, endSessions: false }, event);
  return currentMfaState(services, user, org);
}
