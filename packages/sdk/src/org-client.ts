import {
  orgEventsPageSchema,
  orgPolicySchema,
  orgUserSchema,
  orgUsersPageSchema,
  type OrgEventsPage,
  type OrgPolicy,
  type OrgUser,
  type OrgUsersPage,
} from './contract/org.ts';
import { revokedSchema } from './contract/me.ts';
import type { Transport } from './transport.ts';

/** The root user's organization policies. */
export interface OrgClient {
  policy(): Promise<OrgPolicy>;
  setPolicy(input: { enforceMfa: boolean }): Promise<OrgPolicy>;
  /** One page of users by username; pass `nextCursor` back for the next. */
  users(query?: { cursor?: string; limit?: number; q?: string }): Promise<OrgUsersPage>;
  /** Every user, page by page, as an async iterator. */
  allUsers(query?: { q?: string }): AsyncIterableIterator<OrgUser>;
  createUser(input: { username: string; password: string }): Promise<OrgUser>;
  deleteUser(id: string): Promise<void>;
  resetUserMfa(id: string): Promise<OrgUser>;
  /** "Sign out everywhere" for a subuser; answers how many sessions ended. */
  revokeUserSessions(id: string): Promise<number>;
  events(query?: { cursor?: string }): Promise<OrgEventsPage>;
}

export function createOrgClient(call: Transport, changed: (what: 'policy' | 'users') => void): OrgClient {
  const users: OrgClient['users'] = (query = {}) =>
    call('get', 'org/users', { searchParams: { cursor: query.cursor, limit: query.limit, q: query.q }, schema: orgUsersPageSchema });
  const user = (id: string) => `org/users/${encodeURIComponent(id)}`;
  return {
    policy: () => call('get', 'org/policy', { schema: orgPolicySchema }),
    async setPolicy({ enforceMfa }) {
      const policy = await call('put', 'org/policy', { json: { enforceMfa }, schema: orgPolicySchema });
      changed('policy');
      return policy;
    },
    users,
    async *allUsers(query = {}) {
      let cursor: string | undefined;
      do {
        const page = await users({ ...(cursor ? { cursor } : {}), limit: 100, ...(query.q ? { q: query.q } : {}) });
        yield* page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },
    async createUser({ username, password }) {
      const created = await call('post', 'org/users', { json: { username, password }, schema: orgUserSchema });
      changed('users');
      return created;
    },
    async deleteUser(id) {
      await call('delete', user(id), { schema: undefined });
      changed('users');
    },
    async resetUserMfa(id) {
      const updated = await call('post', `${user(id)}/mfa/reset`, { schema: orgUserSchema });
      changed('users');
      return updated;
    },
    async revokeUserSessions(id) {
      const { revoked } = await call('post', `${user(id)}/sessions/revoke`, { schema: revokedSchema });
      changed('users');
      return revoked;
    },
    events: (query = {}) => call('get', 'org/events', { searchParams: { cursor: query.cursor }, schema: orgEventsPageSchema }),
  };
}
