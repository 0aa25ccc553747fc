import * as z from 'zod/mini';
import { oneLineNameSchema } from './request-fields.ts';
import { idSchema, timestampSchema } from './scalars.ts';

/**
 * Organization API keys (#19): a root creates them for the organization's own backend; a key
 * works on the organization endpoints (`access: 'org'` in the route table) and nowhere else.
 */
export const apiKeyPrefix = 'pcl_';

export const apiKeySchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: timestampSchema,
  expiresAt: z.nullable(timestampSchema),
  lastUsedAt: z.nullable(timestampSchema),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeysSchema = z.object({ items: z.array(apiKeySchema) });
export type ApiKeys = z.infer<typeof apiKeysSchema>;

/** A new key: the only answer that ever holds it (`key`); only its hash is stored. */
export const createdApiKeySchema = z.object({
  id: idSchema,
  name: z.string(),
  key: z.string().check(z.startsWith(apiKeyPrefix)),
  createdAt: timestampSchema,
  expiresAt: z.nullable(timestampSchema),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

// Requests
export const createApiKeyRequestSchema = z.strictObject({
  name: oneLineNameSchema,
  /** When the key stops working: later than now, at most two years ahead; none: until revoked. */
  expiresAt: z.optional(z.nullable(z.iso.datetime({ offset: true }))),
});
export type CreateApiKeyRequest = z.input<typeof createApiKeyRequestSchema>;
