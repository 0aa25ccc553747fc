import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  retryDelivery,
  rotateWebhookSecret,
  testWebhook,
  updateWebhook,
} from '../domain/webhooks/webhooks.ts';
import type { SomeHandlers } from './endpoint.ts';

/** Webhook endpoints and their deliveries (#20): the root in a session, or an API key. */
export const webhookHandlers: SomeHandlers<
  | 'webhooks'
  | 'createWebhook'
  | 'updateWebhook'
  | 'deleteWebhook'
  | 'rotateWebhookSecret'
  | 'testWebhook'
  | 'webhookDeliveries'
  | 'retryWebhookDelivery'
> = {
  webhooks: ({ services, caller }) => listWebhooks(services, caller),
  async createWebhook({ services, caller, body, meta }) {
    return createWebhook(services, caller, body, meta);
  },
  updateWebhook: ({ services, caller, params, body, meta }) => updateWebhook(services, caller, params.id, body, meta),
  deleteWebhook: ({ services, caller, params, meta }) => deleteWebhook(services, caller, params.id, meta),
  async rotateWebhookSecret({ services, caller, params, meta }) {
    return rotateWebhookSecret(services, caller, params.id, meta);
  },
  testWebhook: ({ services, caller, params }) => testWebhook(services, caller, params.id),
  webhookDeliveries: ({ services, caller, params }) => listDeliveries(services, caller, params.id),
  retryWebhookDelivery: ({ services, caller, params }) => retryDelivery(services, caller, params.id, params.deliveryId),
};
