import * as z from 'zod/mini';
import { securityEventTypes } from './org.ts';
import { idSchema, timestampSchema } from './scalars.ts';

/**
 * Webhooks (#20): the organization's backend hears its security events, signed by the Standard
 * Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`), from a
 * durable outbox written with each change.
 */
export const webhookSecretPrefix = 'whsec_';

/** The event types an endpoint may ask for; an empty list means every one. */
const eventFilterSchema = z.array(z.enum(securityEventTypes)).check(z.maxLength(securityEventTypes.length));

/** An https URL (http and private addresses only where the operator allowed them), 2,048 characters at most. */
const webhookUrlSchema = z.url({ protocol: /^https?$/ }).check(z.maxLength(2048));

export const webhookSchema = z.object({
  id: idSchema,
  url: z.string(),
  description: z.string(),
  /** The event types sent; empty: every one. */
  events: z.array(z.enum(securityEventTypes)),
  /** False when a root turned it off, or when deliveries failed for the whole retry schedule. */
  enabled: z.boolean(),
  /** Set when the retry schedule ran out and the endpoint was turned off (`webhook_disabled`). */
  failingSince: z.nullable(timestampSchema),
  /** While a rotated-out secret still signs too (24 hours after a rotation). */
  previousSecretUntil: z.nullable(timestampSchema),
  createdAt: timestampSchema,
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhooksSchema = z.object({ items: z.array(webhookSchema) });
export type Webhooks = z.infer<typeof webhooksSchema>;

/** A new endpoint, or a rotated one: the only answers that hold its signing secret (`whsec_…`). */
export const webhookWithSecretSchema = z.extend(webhookSchema, {
  secret: z.string().check(z.startsWith(webhookSecretPrefix)),
});
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const webhookAttemptSchema = z.object({
  at: timestampSchema,
  /** The HTTP status of the answer; null when none came (a timeout, a refused address, no connection). */
  status: z.nullable(z.number()),
  /** Why it failed without an answer, or was refused before sending. */
  error: z.nullable(z.string()),
  durationMs: z.number(),
  /** The start of the answer's body, at most 1 KiB. */
  response: z.nullable(z.string()),
});
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

export const webhookDeliverySchema = z.object({
  /** Also the `webhook-id` header: the same on every retry, so receivers de-duplicate by it. */
  id: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  createdAt: timestampSchema,
  /** When the next try is due, while pending. */
  nextAttemptAt: z.nullable(timestampSchema),
  attempts: z.array(webhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveriesSchema = z.object({ items: z.array(webhookDeliverySchema) });
export type WebhookDeliveries = z.infer<typeof webhookDeliveriesSchema>;

// Requests
const descriptionSchema = z
  .string()
  .check(z.maxLength(200), z.regex(/^[^\p{Cc}]*$/u, { error: 'Use one line without control characters.' }));

export const createWebhookRequestSchema = z.strictObject({
  url: webhookUrlSchema,
  events: z.optional(eventFilterSchema),
  description: z.optional(descriptionSchema),
});
export type CreateWebhookRequest = z.input<typeof createWebhookRequestSchema>;

export const updateWebhookRequestSchema = z.strictObject({
  url: z.optional(webhookUrlSchema),
  events: z.optional(eventFilterSchema),
  description: z.optional(descriptionSchema),
  enabled: z.optional(z.boolean()),
});
export type UpdateWebhookRequest = z.input<typeof updateWebhookRequestSchema>;
