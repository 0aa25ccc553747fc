import type { ServerSettings } from '../../deps.ts';
import type { Services } from '../../services.ts';
import { invalidField } from '../errors.ts';
import type { WebhookNetwork } from '../../ports.ts';

const refuse = (code: string, message: string) => invalidField('url', code, message);

/** Which addresses a delivery may connect to: public ones, or any under `--webhooks-allow-private`. */
export const addressAllowed =
  (settings: ServerSettings, network: WebhookNetwork) =>
  (address: string): boolean =>
    settings.webhooksAllowPrivate || network.isPublic(address);

/**
 * A webhook URL as it may be registered (#20): `https:` (plain `http:` only under
 * `--webhooks-allow-private`), no user name or password in it, and a host whose every address is
 * public. The same address rule holds again at every delivery, at connect time, since DNS may
 * change. Answers the URL normalised.
 */
export async function checkWebhookUrl(services: Services, url: string): Promise<string> {
  const parsed = new URL(url);
  const { settings, webhookNetwork } = services;
  if (parsed.protocol !== 'https:' && !(settings.webhooksAllowPrivate && parsed.protocol === 'http:')) {
    throw refuse('not_https', 'Use an https URL.');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw refuse('credentials', 'Put no user name or password in the URL; the signature authenticates us.');
  }
  if (!webhookNetwork) throw refuse('no_network', 'This server cannot send webhooks.');
  const addresses = await webhookNetwork.resolve(parsed.hostname.replace(/^\[(.*)\]$/, '$1'));
  if (addresses.length === 0) throw refuse('unresolvable', 'The host name does not resolve.');
  const allowed = addressAllowed(settings, webhookNetwork);
  if (!addresses.every(allowed)) {
    throw refuse('private_address', 'The host resolves to a private, loopback or link-local address.');
  }
  return parsed.href;
}
