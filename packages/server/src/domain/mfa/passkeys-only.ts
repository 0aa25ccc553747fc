import type { OrganizationRecord } from '../../store/store.ts';
import { DomainError, invalidField } from '../errors.ts';

/*
 * The phishing-resistant level (#30, docs/architecture.md "Organization policy"): while it is in
 * force (`passkeysOnly`, store/mfa-enforcement.ts) only a passkey counts as the second factor. An
 * app or recovery code is still proven (it says who is there, so a person who lost a passkey can
 * register another) but never completes a sign-in or a re-authentication on its own.
 */

/** The field error a code meets where only a passkey counts. */
export const passkeyRequired = (detail: string) =>
  invalidField('code', 'passkey_required', 'Your organization accepts only a passkey.', detail);

/**
 * Linking the authenticator app is refused while the level is on, also before its deadline: an
 * app set up now would not count when it takes effect.
 */
export function refuseAppUnderLevel(org: OrganizationRecord): void {
  if (org.phishingResistant) {
    throw new DomainError('conflict', {
      detail: 'Your organization accepts only passkeys (phishing-resistant): add a passkey instead of an app.',
    });
  }
}
