import { createApiKey, listApiKeys, revokeApiKey } from '../domain/api-keys/api-keys.ts';
import { listOrgEvents } from '../domain/org/org-events.ts';
import { orgPolicy, setOrgPolicy } from '../domain/org/org-policy.ts';
import { createSubuser, deleteSubuser, listOrgUsers, orgMfaSummary, resetSubuserMfa } from '../domain/org/org-users.ts';
import { importUsers } from '../domain/org/user-import.ts';
import { endSubuserSessions } from '../domain/sessions/own-sessions.ts';
import type { SomeHandlers } from './endpoint.ts';

/**
 * Organization policies, users, events and API keys: the root user's, in a session, or an API
 * key's (the table says `org`); creating a key takes the root in a session (`root`).
 */
export const orgHandlers: SomeHandlers<
  | 'orgPolicy'
  | 'setOrgPolicy'
  | 'orgUsers'
  | 'orgMfaSummary'
  | 'createUser'
  | 'deleteUser'
  | 'resetUserMfa'
  | 'revokeUserSessions'
  | 'orgEvents'
  | 'importUsers'
  | 'apiKeys'
  | 'createApiKey'
  | 'revokeApiKey'
> = {
  orgPolicy: ({ caller }) => orgPolicy(caller.org),
  setOrgPolicy: ({ services, caller, body, meta }) => setOrgPolicy(services, caller, body, meta),
  orgUsers: ({ services, caller, query }) => listOrgUsers(services, caller.org, query),
  orgMfaSummary: ({ services, caller }) => orgMfaSummary(services, caller.org),
  createUser: ({ services, caller, body, meta }) => createSubuser(services, caller, body, meta),
  importUsers: ({ services, caller, body, meta }) => importUsers(services, caller, body.users, meta),
  deleteUser: ({ services, caller, params, meta }) => deleteSubuser(services, caller, params.id, meta),
  resetUserMfa: ({ services, caller, params, meta }) => resetSubuserMfa(services, caller, params.id, meta),
  revokeUserSessions: ({ services, caller, params, meta }) => endSubuserSessions(services, caller, params.id, meta),
  orgEvents: ({ services, caller, query }) => listOrgEvents(services, caller.org.id, query),
  apiKeys: ({ services, caller }) => listApiKeys(services, caller.org),
  createApiKey({ services, auth, body, meta }) {
    // The key is in this answer only: no cache may keep a copy.
    return createApiKey(services, auth, body, meta);
  },
  revokeApiKey: ({ services, caller, params, meta }) => revokeApiKey(services, caller, params.id, meta),
};
