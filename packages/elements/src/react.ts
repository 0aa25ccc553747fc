/**
 * React wrappers, made with @lit/react: props set properties, `on…` props listen to events.
 * Importing this module registers the elements.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import './define.ts';
import { LoginForm } from './login-form/login-form.ts';
import { MfaReset } from './mfa-reset/mfa-reset.ts';
import { MfaToggle } from './mfa-toggle/mfa-toggle.ts';
import { OrgPolicyTable } from './org-policy-table/org-policy-table.ts';
import { PasswordChange } from './password-change/password-change.ts';
import { PortcullisProvider as ProviderElement } from './portcullis-provider/portcullis-provider.ts';
import { ProfileSettings as ProfileSettingsElement } from './profile-settings/profile-settings.ts';
import {
  LoginEvent,
  MfaChangeEvent,
  OrgPolicyChangeEvent,
  PasswordChangeEvent,
  SessionExpiredEvent,
  SignOutEvent,
  SignedOutEvent,
  SessionsChangeEvent,
  SubuserMfaResetEvent,
  SubuserSignOutEvent,
  PasskeysChangeEvent,
} from './shared/events.ts';
import { SessionList } from './session-list/session-list.ts';
import { PasskeyList } from './passkey-list/passkey-list.ts';

/** A React event prop's event, named once: by the event class itself. */
const on = <E extends Event>(type: { readonly eventName: string; prototype: E }) => type.eventName as EventName<E>;

const sessionExpired = { onSessionExpired: on(SessionExpiredEvent) };

export const PortcullisProvider = createComponent({
  tagName: 'portcullis-provider',
  elementClass: ProviderElement,
  react: React,
  events: { onSignedOut: on(SignedOutEvent) },
});
export const PortcullisLoginForm = createComponent({
  tagName: 'login-form',
  elementClass: LoginForm,
  react: React,
  events: { onLogin: on(LoginEvent) },
});
export const PortcullisMfaToggle = createComponent({
  tagName: 'mfa-toggle',
  elementClass: MfaToggle,
  react: React,
  events: { onMfaChange: on(MfaChangeEvent), ...sessionExpired },
});
export const PortcullisMfaReset = createComponent({
  tagName: 'mfa-reset',
  elementClass: MfaReset,
  react: React,
  events: { onMfaChange: on(MfaChangeEvent), ...sessionExpired },
});
export const PortcullisPasswordChange = createComponent({
  tagName: 'password-change',
  elementClass: PasswordChange,
  react: React,
  events: { onPasswordChange: on(PasswordChangeEvent), ...sessionExpired },
});
export const PortcullisOrgPolicyTable = createComponent({
  tagName: 'org-policy-table',
  elementClass: OrgPolicyTable,
  react: React,
  events: {
    onOrgPolicyChange: on(OrgPolicyChangeEvent),
    onSubuserMfaReset: on(SubuserMfaResetEvent),
    onSubuserSignOut: on(SubuserSignOutEvent),
    ...sessionExpired,
  },
});
export const PortcullisSessionList = createComponent({
  tagName: 'session-list',
  elementClass: SessionList,
  react: React,
  events: { onSessionsChange: on(SessionsChangeEvent), ...sessionExpired },
});
export const PortcullisPasskeyList = createComponent({
  tagName: 'passkey-list',
  elementClass: PasskeyList,
  react: React,
  events: { onPasskeysChange: on(PasskeysChangeEvent), ...sessionExpired },
});
export const PortcullisProfileSettings = createComponent({
  tagName: 'profile-settings',
  elementClass: ProfileSettingsElement,
  react: React,
  events: { onSignOut: on(SignOutEvent), ...sessionExpired },
});
