import type { SecurityEvent } from '@portcullis/sdk/contract';
import type { OrgPolicyValues, SecurityEventRecord } from './records.ts';

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** The policy values as `org_policy_changed` shows them. */
export const policyValuesShown = (values: OrgPolicyValues) => ({
  enforceMfa: values.enforceMfa,
  mfaDeadline: iso(values.mfaDeadline),
  phishingResistant: values.phishingResistant,
});

/**
 * A security event as `GET /org/events` shows it, and as a webhook carries it (#20): one shape,
 * so a receiver and a poller read the same thing. Never a secret: events hold none.
 */
export function eventView(e: SecurityEventRecord): SecurityEvent {
  return {
    id: String(e.id),
    type: e.type,
    at: new Date(e.at).toISOString(),
    actor: e.actorId && e.actorUsername ? { id: e.actorId, username: e.actorUsername } : null,
    target: e.targetId && e.targetUsername ? { id: e.targetId, username: e.targetUsername } : null,
    clientAddress: e.clientAddress,
    reason: e.reason,
    ...(e.detail?.policy
      ? { policy: { old: policyValuesShown(e.detail.policy.old), new: policyValuesShown(e.detail.policy.new) } }
      : {}),
  };
}

/** A webhook's body (Standard Webhooks): `{type, timestamp, data}`, data the event and its organization. */
export function webhookPayload(type: string, at: number, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: new Date(at).toISOString(), data });
}

/** The body of a security event's webhook. */
export const eventPayload = (e: SecurityEventRecord): string =>
  webhookPayload(e.type, e.at, { ...eventView(e), organizationId: e.orgId });

/** Whether an endpoint hearing `events` (empty: all) hears `type`. */
export const hears = (events: readonly string[], type: string): boolean => events.length === 0 || events.includes(type);
