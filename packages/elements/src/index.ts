/**
 * @portcullis/elements: Lit custom elements for the Profile Settings of an account console.
 * Importing this module registers nothing; `@portcullis/elements/define` registers every tag, and
 * `defineElements({ prefix })` registers them under a prefix.
 * @packageDocumentation
 */
export { defineElement, defineElements } from './define-elements.ts';
export type { DefineOptions } from './define-elements.ts';
export { PortcullisProvider, registerLocale } from './portcullis-provider/portcullis-provider.ts';
export { PortcullisSignedIn } from './portcullis-signed-in/portcullis-signed-in.ts';
export { PortcullisSignedOut } from './portcullis-signed-out/portcullis-signed-out.ts';
export { LoginForm } from './login-form/login-form.ts';
export { MfaToggle } from './mfa-toggle/mfa-toggle.ts';
export { MfaReset } from './mfa-reset/mfa-reset.ts';
export { PasswordChange } from './password-change/password-change.ts';
export { SessionList } from './session-list/session-list.ts';
export { PasskeyList } from './passkey-list/passkey-list.ts';
export { OrgPolicyTable } from './org-policy-table/org-policy-table.ts';
export { OrgApiKeys } from './org-api-keys/org-api-keys.ts';
export { WebhookList } from './webhook-list/webhook-list.ts';
export { ProfileSettings } from './profile-settings/profile-settings.ts';
export { PortcullisConfirmDialog } from './portcullis-confirm-dialog/portcullis-confirm-dialog.ts';
export { PortcullisReauthDialog } from './portcullis-reauth-dialog/portcullis-reauth-dialog.ts';
export {
  LoginEvent,
  SessionExpiredEvent,
  MfaChangeEvent,
  PasswordChangeEvent,
  OrgPolicyChangeEvent,
  SubuserMfaResetEvent,
  SignOutEvent,
  SignedOutEvent,
  SessionsChangeEvent,
  SubuserSignOutEvent,
  PasskeysChangeEvent,
  ApiKeysChangeEvent,
  WebhooksChangeEvent,
} from './shared/events.ts';
export { en } from './locales/en.ts';
export type { Messages, MessageKey } from './locales/en.ts';
