import type { MfaState, MfaSummary } from '@portcullis/sdk/contract';
import type { OrganizationRecord, UserRecord } from '../store/store.ts';

/** `required = enabled || enforced` (DESIGN.md): the one place that rule is computed. */
export function mfaSummary(user: UserRecord, org: OrganizationRecord): MfaSummary {
  return {
    enabled: user.mfaEnabled,
    enforced: org.enforceMfa,
    required: user.mfaEnabled || org.enforceMfa,
    configured: user.totpSecretSealed !== null,
  };
}

export function mfaState(user: UserRecord, org: OrganizationRecord, recoveryCodesLeft: number): MfaState {
  return { ...mfaSummary(user, org), recoveryCodesLeft };
}
