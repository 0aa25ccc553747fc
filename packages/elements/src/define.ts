/**
 * Registers every Portcullis element under its tag. Importing `@portcullis/elements` registers
 * nothing; import this module (or call `defineElements`) once in the host page.
 */
import { PortcullisConfirmDialog } from './confirm-dialog/confirm-dialog.ts';
import { LoginForm } from './login-form/login-form.ts';
import { MfaReset } from './mfa-reset/mfa-reset.ts';
import { MfaToggle } from './mfa-toggle/mfa-toggle.ts';
import { OrgPolicyTable } from './org-policy-table/org-policy-table.ts';
import { PasswordChange } from './password-change/password-change.ts';
import { PortcullisProvider } from './portcullis-provider/portcullis-provider.ts';
import { ProfileSettings } from './profile-settings/profile-settings.ts';
import { SessionList } from './session-list/session-list.ts';
import { PasskeyList } from './passkey-list/passkey-list.ts';
import { PortcullisReauthDialog } from './reauth-dialog/reauth-dialog.ts';
import { PortcullisSignedIn } from './portcullis-signed-in/portcullis-signed-in.ts';
import { PortcullisSignedOut } from './portcullis-signed-out/portcullis-signed-out.ts';

export const tags = {
  'portcullis-provider': PortcullisProvider,
  'portcullis-signed-in': PortcullisSignedIn,
  'portcullis-signed-out': PortcullisSignedOut,
  'login-form': LoginForm,
  'mfa-toggle': MfaToggle,
  'mfa-reset': MfaReset,
  'password-change': PasswordChange,
  'session-list': SessionList,
  'passkey-list': PasskeyList,
  'org-policy-table': OrgPolicyTable,
  'profile-settings': ProfileSettings,
  'portcullis-confirm-dialog': PortcullisConfirmDialog,
  'portcullis-reauth-dialog': PortcullisReauthDialog,
} as const;

/** Defines every tag not defined yet; safe to call more than once. */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, constructor] of Object.entries(tags)) {
    if (!registry.get(tag)) registry.define(tag, constructor);
  }
}

defineElements();
