import type { OrgEventsPage, OrgPolicy, OrgUser, OrgUsersPage } from './contract/org.ts';
import { endpoints } from './contract/routes.ts';
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
    call(endpoints.orgUsers, { searchParams: { cursor: query.cursor, limit: query.limit, q: query.q } });
  return {
    policy: () => call(endpoints.orgPolicy),
    async setPolicy({ enforceMfa }) {
      const policy = await call(endpoints.setOrgPolicy, { json: { enforceMfa } });
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
      const created = await call(endpoints.createUser, { json: { username, password } });
      changed('users');
      return created;
    },
    async deleteUser(id) {
      await call(endpoints.deleteUser, { params: { id } });
      changed('users');
    },
    async resetUserMfa(id) {
      const updated = await call(endpoints.resetUserMfa, { params: { id } });
      changed('users');
      return updated;
    },
    async revokeUserSessions(id) {
      const { revoked } = await call(endpoints.revokeUserSessions, { params: { id } });
      changed('users');
      return revoked;
    },
    events: (query = {}) => call(endpoints.orgEvents, { searchParams: { cursor: query.cursor } }),
  };
}
