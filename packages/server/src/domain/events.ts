import type { SecurityEventType } from '@portcullis/sdk/contract';
import type { NewSecurityEvent, UserRecord } from '../store/store.ts';

/** Where a request came from, for the audit log and the session list. */
export interface RequestMeta {
  clientAddress: string | null;
  /** The User-Agent header, at most 256 characters; null when none was sent. */
  userAgent: string | null;
}

/** Outside any request (the operator's commands, seeding): nowhere to tell. */
export const noRequest: RequestMeta = { clientAddress: null, userAgent: null };

/** Who did something, or what it was done to: a user, or an organization's API key (#19). */
export type EventActor = Pick<UserRecord, 'id' | 'username' | 'orgId'>;

/** A security event: who did what to whom, when and from where; never a secret. */
export function securityEvent(
  type: SecurityEventType,
  at: number,
  meta: RequestMeta,
  actor: EventActor | null,
  target: EventActor | null = actor,
  reason: string | null = null,
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
    reason,
  };
}

/**
 * An operator's action from the command line: the actor is the operator (by the account that ran
 * the command), never a user of the organization, and the reason is required.
 */
export function operatorEvent(
  type: SecurityEventType,
  at: number,
  operator: string,
  target: EventActor,
  reason: string | null,
): NewSecurityEvent {
  return {
    orgId: target.orgId,
    type,
    at,
    actorId: 'operator',
    actorUsername: `operator:${operator}`,
    targetId: target.id,
    targetUsername: target.username,
    clientAddress: null,
    reason,
  };
}
