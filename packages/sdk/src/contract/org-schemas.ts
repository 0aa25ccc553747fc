import {
  createUserRequestSchema,
  orgEventsPageSchema,
  orgEventsQuerySchema,
  orgMfaSummarySchema,
  orgPolicySchema,
  orgUserSchema,
  orgUsersPageSchema,
  orgUsersQuerySchema,
  setOrgPolicyRequestSchema,
} from './org.ts';
import { revokedSchema } from './sessions.ts';
import { importUsersRequestSchema, importUsersResponseSchema } from './user-import.ts';
import { apiKeysSchema, createApiKeyRequestSchema, createdApiKeySchema } from './api-keys.ts';
import {
  createWebhookRequestSchema,
  updateWebhookRequestSchema,
  webhookDeliveriesSchema,
  webhookDeliverySchema,
  webhookSchema,
  webhooksSchema,
  webhookWithSecretSchema,
} from './webhooks.ts';
import type { SchemasOf } from './route-spec.ts';
import type { orgRoutes } from './org-routes.ts';

/**
 * What each organization route takes and answers, by name (as `account-schemas.ts` for the account's).
 */
export const orgSchemas = {
  orgPolicy: { response: orgPolicySchema },
  setOrgPolicy: { body: setOrgPolicyRequestSchema, response: orgPolicySchema },
  orgUsers: { query: orgUsersQuerySchema, response: orgUsersPageSchema },
  orgMfaSummary: { response: orgMfaSummarySchema },
  createUser: { body: createUserRequestSchema, response: orgUserSchema },
  importUsers: { body: importUsersRequestSchema, response: importUsersResponseSchema },
  deleteUser: {},
  resetUserMfa: { response: orgUserSchema },
  revokeUserSessions: { response: revokedSchema },
  orgEvents: { query: orgEventsQuerySchema, response: orgEventsPageSchema },
  apiKeys: { response: apiKeysSchema },
  createApiKey: { body: createApiKeyRequestSchema, response: createdApiKeySchema },
  revokeApiKey: {},
  webhooks: { response: webhooksSchema },
  createWebhook: { body: createWebhookRequestSchema, response: webhookWithSecretSchema },
  updateWebhook: { body: updateWebhookRequestSchema, response: webhookSchema },
  deleteWebhook: {},
  rotateWebhookSecret: { response: webhookWithSecretSchema },
  testWebhook: { response: webhookDeliverySchema },
  webhookDeliveries: { response: webhookDeliveriesSchema },
  retryWebhookDelivery: { response: webhookDeliverySchema },
} as const satisfies SchemasOf<typeof orgRoutes>;
