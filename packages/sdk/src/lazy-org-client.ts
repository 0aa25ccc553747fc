import { onDemand } from './on-demand.ts';
import type { OrgClient } from './org-client.ts';

/**
 * Every method of `OrgClient` but the iterator (a `Record`, so a method added there and not here
 * fails to compile).
 */
const methods: Record<Exclude<keyof OrgClient, 'allUsers'>, true> = {
  policy: true,
  setPolicy: true,
  users: true,
  mfaSummary: true,
  createUser: true,
  importUsers: true,
  deleteUser: true,
  resetUserMfa: true,
  revokeUserSessions: true,
  events: true,
  apiKeys: true,
  createApiKey: true,
  revokeApiKey: true,
  webhooks: true,
  createWebhook: true,
  updateWebhook: true,
  deleteWebhook: true,
  rotateWebhookSecret: true,
  testWebhook: true,
  webhookDeliveries: true,
  retryWebhookDelivery: true,
};

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * `client.org` before its first call: the organization client and its half of the route table
 * load with that call (on a root's page, in an admin backend), not with every page (#21,
 * docs/architecture.md "What loads with the page"; the schemas come with the answers' check). A load that fails (the network) is
 * `network` and is tried again at the next call.
 */
export function lazyOrgClient(load: () => Promise<OrgClient>): OrgClient {
  const org = onDemand(load, 'The organization client');
  const forwarders = Object.fromEntries(
    Object.keys(methods).map((name) => [
      name,
      async (...args: unknown[]) => ((await org())[name as keyof typeof methods] as Method)(...args),
    ]),
  );
  return {
    ...forwarders,
    async *allUsers(query) {
      yield* (await org()).allUsers(query);
    },
  } as OrgClient;
}
