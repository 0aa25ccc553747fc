import type { MfaState, MfaSummary } from '@portcullis/sdk/contract';
import type { OrganizationRecord, UserRecord } from '../../store/store.ts';

/** A second factor is linked: the authenticator app, or at least one passkey. */
export const hasSecondFactor = (user: UserRecord): boolean => user.totpSecretSealed !== null || user.passkeyCount > 0;

/** `required = enabled || enforced` (docs/architecture.md): the one place that rule is computed. */
export function mfaSummary(user: UserRecord, org: OrganizationRecord): MfaSummary {
  return {
    enabled: user.mfaEnabled,
    enforced: org.enforceMfa,
    required: user.mfaEnabled || org.enforceMfa,
    configured: hasSecondFactor(user),
  };
}

export function mfaState(user: UserRecord, org: OrganizationRecord, recoveryCodesLeft: number): MfaState {
  return {
    ...mfaSummary(user, org),
    recoveryCodesLeft,
    authenticatorApp: user.totpSecretSealed !== null,
    passkeys: user.passkeyCount,
  };
}
