import type { ApiKey, CreatedApiKey } from './contract/api-keys.ts';
import type { ImportUser, ImportUsersResponse } from './contract/user-import.ts';
import type {
  CreateWebhookRequest,
  UpdateWebhookRequest,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
} from './contract/webhooks.ts';
import type {
  MfaGroup,
  OrgEventsPage,
  OrgMfaSummary,
  OrgPolicy,
  OrgUser,
  OrgUsersPage,
  SetOrgPolicyRequest,
} from './contract/org.ts';
import { orgEndpoints as endpoints } from './contract/org-routes.ts';
import type { Transport } from './transport.ts';

/**
 * The organization: the root user's, in a browser session, or a backend's with an API key
 * (`createClient({ baseUrl, tokenType: 'bearer', token: 'pcl_…' })`), which reaches every method
 * here but `createApiKey`.
 */
export interface OrgClient {
  policy(): Promise<OrgPolicy>;
  /**
   * Replaces the policy: `mfaDeadline` (ISO 8601, at most 365 days ahead; omitted or null: at
   * once) lets members without a factor in with their password, reminded, until then;
   * `phishingResistant` accepts only passkeys from then on (a root with a passkey first).
   */
  setPolicy(input: SetOrgPolicyRequest): Promise<OrgPolicy>;
  /** One page of users by username; pass `nextCursor` back for the next. */
  users(query?: { cursor?: string; limit?: number; q?: string; mfa?: MfaGroup }): Promise<OrgUsersPage>;
  /** How many members have a passkey, the app only, or no second factor. */
  mfaSummary(): Promise<OrgMfaSummary>;
  /** Every user, page by page, as an async iterator. */
  allUsers(query?: { q?: string; mfa?: MfaGroup }): AsyncIterableIterator<OrgUser>;
  createUser(input: { username: string; password: string }): Promise<OrgUser>;
  /**
   * Imports up to 1,000 users with their password hashes (or passwords), all or none; a refusal
   * is a PortcullisError whose `rows` lists every bad row (`{ index, code, detail }`).
   */
  importUsers(users: readonly ImportUser[]): Promise<ImportUsersResponse>;
  deleteUser(id: string): Promise<void>;
  resetUserMfa(id: string): Promise<OrgUser>;
  /** "Sign out everywhere" for a subuser; answers how many sessions ended. */
  revokeUserSessions(id: string): Promise<number>;
  /** One page of security events, newest first (50, or `limit` up to 100); pass `nextCursor` back for the next. */
  events(query?: { cursor?: string; limit?: number }): Promise<OrgEventsPage>;
  /** The organization's API keys, oldest first (never the keys themselves). */
  apiKeys(): Promise<ApiKey[]>;
  /** A new API key; `key` is in this answer only (the root, in a session, recently re-authenticated). */
  createApiKey(input: { name: string; expiresAt?: string | null }): Promise<CreatedApiKey>;
  /** Revokes a key: it answers 401 from the next request on. */
  revokeApiKey(id: string): Promise<void>;
  /** The webhook endpoints (never their secrets). */
  webhooks(): Promise<Webhook[]>;
  /** A new endpoint; `secret` (`whsec_…`) is in this answer only. */
  createWebhook(input: CreateWebhookRequest): Promise<WebhookWithSecret>;
  updateWebhook(id: string, input: UpdateWebhookRequest): Promise<Webhook>;
  deleteWebhook(id: string): Promise<void>;
  /** A new secret, in this answer only; the previous one signs too for 24 hours. */
  rotateWebhookSecret(id: string): Promise<WebhookWithSecret>;
  /** Queues a `webhook.test` event for the endpoint. */
  testWebhook(id: string): Promise<WebhookDelivery>;
  /** The endpoint's latest 50 deliveries, newest first, with their tries. */
  webhookDeliveries(id: string): Promise<WebhookDelivery[]>;
  retryWebhookDelivery(id: string, deliveryId: string): Promise<WebhookDelivery>;
}

export function createOrgClient(call: Transport, changed: (what: 'policy' | 'users' | 'api-keys') => void): OrgClient {
  const users: OrgClient['users'] = (query = {}) =>
    call(endpoints.orgUsers, {
      searchParams: { cursor: query.cursor, limit: query.limit, q: query.q, mfa: query.mfa },
    });
  return {
    policy: () => call(endpoints.orgPolicy),
    async setPolicy({ enforceMfa, mfaDeadline, phishingResistant }) {
      const policy = await call(endpoints.setOrgPolicy, {
        json: {
          enforceMfa,
          ...(mfaDeadline === undefined ? {} : { mfaDeadline }),
          ...(phishingResistant === undefined ? {} : { phishingResistant }),
        },
      });
      changed('policy');
      return policy;
    },
    users,
    mfaSummary: () => call(endpoints.orgMfaSummary),
    async *allUsers(query = {}) {
      let cursor: string | undefined;
      do {
        const page = await users({
          ...(cursor ? { cursor } : {}),
          limit: 100,
          ...(query.q ? { q: query.q } : {}),
          ...(query.mfa ? { mfa: query.mfa } : {}),
        });
        yield* page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },
    async createUser({ username, password }) {
      const created = await call(endpoints.createUser, { json: { username, password } });
      changed('users');
      return created;
    },
    async importUsers(users) {
      const imported = await call(endpoints.importUsers, { json: { users: [...users] } });
      changed('users');
      return imported;
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
    events: (query = {}) => call(endpoints.orgEvents, { searchParams: { cursor: query.cursor, limit: query.limit } }),
    apiKeys: async () => (await call(endpoints.apiKeys)).items,
    async createApiKey({ name, expiresAt }) {
      const created = await call(endpoints.createApiKey, {
        json: { name, ...(expiresAt === undefined ? {} : { expiresAt }) },
      });
      changed('api-keys');
      return created;
    },
    webhooks: async () => (await call(endpoints.webhooks)).items,
    createWebhook: (input) => call(endpoints.createWebhook, { json: input }),
    updateWebhook: (id, input) => call(endpoints.updateWebhook, { params: { id }, json: input }),
    deleteWebhook: (id) => call(endpoints.deleteWebhook, { params: { id } }),
    rotateWebhookSecret: (id) => call(endpoints.rotateWebhookSecret, { params: { id } }),
    testWebhook: (id) => call(endpoints.testWebhook, { params: { id } }),
    webhookDeliveries: async (id) => (await call(endpoints.webhookDeliveries, { params: { id } })).items,
    retryWebhookDelivery: (id, deliveryId) => call(endpoints.retryWebhookDelivery, { params: { id, deliveryId } }),
    async revokeApiKey(id) {
      await call(endpoints.revokeApiKey, { params: { id } });
      changed('api-keys');
    },
  };
}
