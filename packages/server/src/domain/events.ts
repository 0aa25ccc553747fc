import type { SecurityEventType } from '@portcullis/sdk/contract';
import type { NewSecurityEvent, UserRecord } from '../store/store.ts';

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  clientAddress: string | null;
}

/** A security event: who did what to whom, when and from where; never a secret. */
export function securityEvent(
  type: SecurityEventType,
  at: number,
  meta: RequestMeta,
  actor: UserRecord | null,
  target: UserRecord | null = actor,
): NewSecurityEvent {
  const orgId = (actor ?? target)?.orgId;
  if (!orgId) throw new Error('A security event needs an actor or a target');
  return {
    orgId,
    type,
    at,
    actorId: actor?.id ?? null,
    actorUsername: actor?.username ?? null,
    targetId: target?.id ?? null,
    targetUsername: target?.username ?? null,
    clientAddress: meta.clientAddress,
  };
}
