import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { webhookSecretPrefix } from '@portcullis/sdk/contract';
import { toBase64 } from './encoding.ts';

/**
 * One Standard Webhooks signature (https://www.standardwebhooks.com/, "Signature scheme"):
 * `v1,` and the base64 HMAC-SHA256, keyed with the secret's bytes (base64 after `whsec_`), of
 * `<webhook-id>.<webhook-timestamp>.<body>`. Receivers verify it with the `standardwebhooks`
 * libraries; our tests do (test/instances/webhooks.test.ts, webhook-signature.test.ts). Made
 * with @noble/hashes so the server runs where a CommonJS package cannot (the browser, workers).
 */
export function webhookSignature(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  if (!secret.startsWith(webhookSecretPrefix)) throw new Error('Not a webhook secret');
  const key = Uint8Array.from(atob(secret.slice(webhookSecretPrefix.length)), (c) => c.charCodeAt(0));
  const mac = hmac(sha256, key, new TextEncoder().encode(`${messageId}.${timestampSeconds}.${body}`));
  return `v1,${toBase64(mac)}`;
}
