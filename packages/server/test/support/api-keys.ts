import { endpoints } from '@portcullis/sdk/contract';
import type { Harness } from './harness.ts';

/** A new API key of the harness's organization, created by its root in a fresh session. */
export async function apiKeyFor(
  h: Harness,
  name = 'Provisioning',
  expiresAt?: string,
): Promise<{ id: string; key: string }> {
  const root = await h.signIn('root-user');
  const reply = await h.request(endpoints.createApiKey, {
    token: root,
    body: { name, ...(expiresAt ? { expiresAt } : {}) },
  });
  if (reply.status !== 201) throw new Error(`create API key: ${reply.status} ${reply.text}`);
  return { id: reply.body.id, key: reply.body.key };
}
