import type { OrgPolicyValues } from './records.ts';

/**
 * Whether the organization's MFA enforcement binds members who have no second factor yet, at
 * `now` (#30, docs/architecture.md "Organization policy"): from the change on when there is no
 * deadline, from the deadline on when there is one. Before it, such members sign in with their
 * password and are reminded. Every adapter and the domain decide it here, so an instance reading
 * the policy after the deadline enforces it without a restart or a job.
 */
export const enforcementBinds = (policy: OrgPolicyValues, now: number): boolean =>
  policy.enforceMfa && (policy.mfaDeadline === null || now >= policy.mfaDeadline);

/** Whether only a passkey counts as the second factor at `now`: the level is on and enforcement binds. */
export const passkeysOnly = (policy: OrgPolicyValues, now: number): boolean =>
  policy.phishingResistant && enforcementBinds(policy, now);
