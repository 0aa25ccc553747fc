import { listOrgEvents } from '../domain/org/org-events.ts';
import { orgPolicy, setEnforceMfa } from '../domain/org/org-policy.ts';
import { createSubuser, deleteSubuser, listOrgUsers, resetSubuserMfa } from '../domain/org/org-users.ts';
import { endSubuserSessions } from '../domain/sessions/own-sessions.ts';
import type { SomeHandlers } from './endpoint.ts';

/** Organization policies and users: the root user's alone (the table says `root`). */
export const orgHandlers: SomeHandlers<
  | 'orgPolicy'
  | 'setOrgPolicy'
  | 'orgUsers'
  | 'createUser'
  | 'deleteUser'
  | 'resetUserMfa'
  | 'revokeUserSessions'
  | 'orgEvents'
> = {
  orgPolicy: ({ auth }) => orgPolicy(auth.org),
  setOrgPolicy: ({ services, auth, body, meta }) => setEnforceMfa(services, auth, body.enforceMfa, meta),
  orgUsers: ({ services, auth, query }) => listOrgUsers(services, auth.org, query),
  createUser: ({ services, auth, body, meta }) => createSubuser(services, auth, body, meta),
  deleteUser: ({ services, auth, params, meta }) => deleteSubuser(services, auth, params.id, meta),
  resetUserMfa: ({ services, auth, params, meta }) => resetSubuserMfa(services, auth, params.id, meta),
  revokeUserSessions: ({ services, auth, params, meta }) => endSubuserSessions(services, auth, params.id, meta),
  orgEvents: ({ services, auth, query }) => listOrgEvents(services, auth.org.id, query.cursor),
};
