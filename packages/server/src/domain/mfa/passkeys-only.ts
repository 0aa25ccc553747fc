import type { OrganizationRecord } from '../../store/store.ts';
import { DomainError } from '../errors.ts';
import { passkeysOnly } from './mfa-state.ts';

/**
 * The phishing-resistant level (#30, docs/architecture.md "Organization policy"): while it is in
 * force only a passkey counts as the second factor. An app or recovery code is still proven (it
 * says who is there, so a person who lost a passkey can register another) but never completes a
 * sign-in or a re-authentication on its own.
 */
export { passkeysOnly };

/** The field error a code meets where only a passkey counts. */
export const passkeyRequired = (detail: string) =>
  new DomainError('invalid_request', {
    detail,
    errors: [{ path: 'code', code: 'passkey_required', message: 'Your organization accepts only a passkey.' }],
  });

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
