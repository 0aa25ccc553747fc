import { endOtherSessions, endOwnSession, listOwnSessions } from '../domain/sessions/own-sessions.ts';
import { profile } from '../domain/sessions/profile.ts';
import { reauthenticate, startPasskeyReauth } from '../domain/sessions/reauthenticate.ts';
import { clearSessionCookie } from '../http/session-token.ts';
import type { SomeHandlers } from './endpoint.ts';

/** The signed-in person: who they are, confirming identity, and where they are signed in. */
export const sessionHandlers: SomeHandlers<
  'me' | 'startPasskeyReauth' | 'reauthenticate' | 'sessions' | 'revokeSession' | 'revokeOtherSessions'
> = {
  me: ({ services, auth }) => profile(services, auth),
  startPasskeyReauth: ({ services, auth, rp }) => startPasskeyReauth(services, auth, rp()),
  reauthenticate: ({ services, auth, body, meta, rp }) => reauthenticate(services, auth, body, meta, rp()),
  sessions: ({ services, auth }) => listOwnSessions(services, auth),
  async revokeSession({ services, c, auth, params, meta }) {
    const { wasCurrent } = await endOwnSession(services, auth, params.id, meta);
    if (wasCurrent && auth.tokenType === 'cookie') clearSessionCookie(c);
  },
  revokeOtherSessions: ({ services, auth, meta }) => endOtherSessions(services, auth, meta),
};
