import type { Revoked, Sessions } from '@portcullis/sdk/contract';
import { DomainError } from '../errors.ts';
import { actorOf, requireRecentCaller, type OrgCaller } from '../org/org-caller.ts';
import type { Services } from '../../services.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { ownSubuser } from '../org/org-users.ts';
import { sessionEnd, type Authenticated } from './sessions.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** Where the person is signed in: live sessions only, most recently active first, this one marked. */
export async function listOwnSessions(services: Services, auth: Authenticated): Promise<Sessions> {
  const now = services.clock.now();
  const sessions = await services.store.listSessions(auth.user.id);
  return {
    items: sessions
      .filter((s) => sessionEnd(services, s) > now)
      .map((s) => ({
        id: s.id,
        current: s.tokenHash === auth.session.tokenHash,
        createdAt: iso(s.createdAt),
        lastSeenAt: iso(s.lastSeenAt),
        expiresAt: iso(sessionEnd(services, s)),
        userAgent: s.userAgent,
        clientAddress: s.clientAddress,
      })),
  };
}

/**
 * Ends one of one's own sessions (the laptop left at the airport). No re-authentication: ending
 * sessions only takes access away, and the person who lost a device may have lost the second
 * factor with it. Another user's session, or one that is gone, is `not_found`. Answers whether it
 * was the calling session, which is then signed out.
 */
export async function endOwnSession(
  services: Services,
  auth: Authenticated,
  sessionId: string,
  meta: RequestMeta,
): Promise<{ wasCurrent: boolean }> {
  const event = securityEvent('session_revoked', services.clock.now(), meta, auth.user);
  if (!(await services.store.endSessionById(auth.user.id, sessionId, event))) throw new DomainError('not_found');
  return { wasCurrent: sessionId === auth.session.id };
}

/** "Sign out everywhere else": every session of the person but this one. */
export async function endOtherSessions(services: Services, auth: Authenticated, meta: RequestMeta): Promise<Revoked> {
  const event = securityEvent('other_sessions_revoked', services.clock.now(), meta, auth.user);
  return { revoked: await services.store.endUserSessions(auth.user.id, auth.session.tokenHash, event) };
}

/**
 * The root's "Sign out everywhere" for a subuser of its organization: a sensitive change, like
 * resetting the subuser's MFA (recent authentication with the second factor).
 */
export async function endSubuserSessions(
  services: Services,
  caller: OrgCaller,
  id: string,
  meta: RequestMeta,
): Promise<Revoked> {
  requireRecentCaller(services, caller);
  const target = await ownSubuser(services, caller, id);
  const event = securityEvent('sessions_revoked_by_root', services.clock.now(), meta, actorOf(caller), target);
  return { revoked: await services.store.endUserSessions(target.id, null, event) };
}
