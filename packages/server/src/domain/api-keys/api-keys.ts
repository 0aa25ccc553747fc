import { apiKeyPrefix, type ApiKey, type ApiKeys, type CreatedApiKey } from '@portcullis/sdk/contract';
import { toBase64Url } from '../../crypto/encoding.ts';
import { newId, tokenHash } from '../../crypto/tokens.ts';
import type { RandomSource } from '../../ports.ts';
import type { Services } from '../../services.ts';
import type { ApiKeyRecord, OrganizationRecord } from '../../store/store.ts';
import { DomainError, invalidField } from '../errors.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { actorOf, keyRef, requireRecentCaller, type OrgCaller } from '../org/org-caller.ts';
import { requireRecentAuth } from '../sessions/recent-auth.ts';
import type { Authenticated } from '../sessions/sessions.ts';

/** `pcl_` and 256 random bits in base64url: what secret scanners look for (#19). */
const keyPattern = /^pcl_[A-Za-z0-9_-]{43}$/;

/** A new key and what is stored of it (its SHA-256, never the key). */
export function newApiKey(
  random: RandomSource,
  input: { orgId: string; name: string; now: number; expiresAt: number | null },
): { key: string; record: ApiKeyRecord } {
  const key = `${apiKeyPrefix}${toBase64Url(random.bytes(32))}`;
  return {
    key,
    record: {
      id: newId('key', random),
      orgId: input.orgId,
      name: input.name,
      keyHash: tokenHash(key),
      createdAt: input.now,
      expiresAt: input.expiresAt,
      lastUsedAt: null,
    },
  };
}

const toApiKey = (key: ApiKeyRecord): ApiKey => ({
  id: key.id,
  name: key.name,
  createdAt: new Date(key.createdAt).toISOString(),
  expiresAt: key.expiresAt === null ? null : new Date(key.expiresAt).toISOString(),
  lastUsedAt: key.lastUsedAt === null ? null : new Date(key.lastUsedAt).toISOString(),
});

/**
 * A new key for the organization, shown once (security rule 31, docs/architecture.md): only its
 * SHA-256 is stored, like a session token's. Creating one is the root's alone, in a session, and
 * a sensitive change (recent re-authentication); a key cannot make more keys.
 */
export async function createApiKey(
  services: Services,
  auth: Authenticated,
  input: { name: string; expiresAt?: string | null | undefined },
  meta: RequestMeta,
): Promise<CreatedApiKey> {
  requireRecentAuth(services, auth);
  const now = services.clock.now();
  const expiresAt = input.expiresAt ? Date.parse(input.expiresAt) : null;
  if (expiresAt !== null && !(expiresAt > now)) {
    throw invalidField('expiresAt', 'in_past', 'Choose a time in the future.');
  }
  const { key, record } = newApiKey(services.random, { orgId: auth.org.id, name: input.name, now, expiresAt });
  await services.store.createApiKey(record, securityEvent('api_key_created', now, meta, auth.user, keyRef(record)));
  const { lastUsedAt: _never, ...shown } = toApiKey(record);
  return { ...shown, key };
}

export async function listApiKeys(services: Services, org: OrganizationRecord): Promise<ApiKeys> {
  return { items: (await services.store.listApiKeys(org.id)).map(toApiKey) };
}

/** Revokes a key of the caller's organization; it answers 401 from the next request on, on every instance. */
export async function revokeApiKey(
  services: Services,
  caller: OrgCaller,
  id: string,
  meta: RequestMeta,
): Promise<void> {
  requireRecentCaller(services, caller);
  const key = (await services.store.listApiKeys(caller.org.id)).find((k) => k.id === id);
  if (!key) throw new DomainError('not_found');
  const event = securityEvent('api_key_revoked', services.clock.now(), meta, actorOf(caller), keyRef(key));
  if (!(await services.store.revokeApiKey(caller.org.id, id, event))) throw new DomainError('not_found');
}

/** Whether a bearer credential is shaped like one of our keys (a session token never starts with `pcl_`). */
export const looksLikeApiKey = (bearer: string): boolean => bearer.startsWith(apiKeyPrefix);

/**
 * The organization caller for a presented key: unknown, revoked or expired keys are
 * `unauthenticated`, read from the store on every request so a revocation holds at once on every
 * instance; each key has its own request budget (`rate_limited` with `Retry-After`).
 */
export async function authenticateApiKey(services: Services, presented: string): Promise<OrgCaller> {
  if (!keyPattern.test(presented)) {
    throw new DomainError('unauthenticated', { detail: 'This is not an API key of this server.' });
  }
  const use = await services.store.useApiKey(tokenHash(presented), services.clock.now(), {
    windowMs: 60_000,
    limit: services.settings.apiKeyRequestsPerMinute,
  });
  if (!use) throw new DomainError('unauthenticated', { detail: 'This API key is unknown, revoked or expired.' });
  if (use.retryAfterMs !== null) {
    throw new DomainError('rate_limited', {
      detail: 'This API key has made too many requests; wait and try again.',
      retryAfterMs: use.retryAfterMs,
    });
  }
  return { kind: 'api_key', org: use.org, key: use.key };
}
