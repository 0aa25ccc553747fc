import type { ApiKey, Me, MfaState, OrgPolicy, OrgUser, Passkey, PortcullisErrorCode, Webhook } from '@portcullis/sdk';

const options = { bubbles: true, composed: true } as const;

/** Fired by `<login-form>` once the person is signed in. */
export class LoginEvent extends Event {
  static readonly eventName = 'login';
  constructor(readonly detail: { user: Me }) {
    super(LoginEvent.eventName, options);
  }
}

/** Fired when a request found the session over (401): show `<login-form>`. */
export class SessionExpiredEvent extends Event {
  static readonly eventName = 'session-expired';
  constructor(readonly detail: { code: PortcullisErrorCode }) {
    super(SessionExpiredEvent.eventName, options);
  }
}

/**
 * Fired by `<mfa-toggle>` and `<mfa-reset>` after the person changed their MFA; `enrolled` when
 * "Set up now" linked an authenticator app.
 */
export class MfaChangeEvent extends Event {
  static readonly eventName = 'mfa-change';
  constructor(
    readonly detail: { mfa: MfaState; action: 'enabled' | 'disabled' | 'enrolled' | 'reset' | 'recovery-codes' },
  ) {
    super(MfaChangeEvent.eventName, options);
  }
}

/** Fired by `<password-change>` after the password was changed. */
export class PasswordChangeEvent extends Event {
  static readonly eventName = 'password-change';
  constructor(readonly detail: Record<string, never> = {}) {
    super(PasswordChangeEvent.eventName, options);
  }
}

/** Fired by `<org-policy-table>` after the root user changed the organization policy. */
export class OrgPolicyChangeEvent extends Event {
  static readonly eventName = 'org-policy-change';
  constructor(readonly detail: { policy: OrgPolicy }) {
    super(OrgPolicyChangeEvent.eventName, options);
  }
}

/** Fired by `<org-policy-table>` after the root user reset a subuser's MFA. */
export class SubuserMfaResetEvent extends Event {
  static readonly eventName = 'subuser-mfa-reset';
  constructor(readonly detail: { user: OrgUser }) {
    super(SubuserMfaResetEvent.eventName, options);
  }
}

/** Fired by `<session-list>` after the person ended sessions; `detail.revoked` says how many. */
export class SessionsChangeEvent extends Event {
  static readonly eventName = 'sessions-change';
  constructor(readonly detail: { revoked: number }) {
    super(SessionsChangeEvent.eventName, options);
  }
}

/** Fired by `<org-policy-table>` after the root user signed a subuser out everywhere. */
export class SubuserSignOutEvent extends Event {
  static readonly eventName = 'subuser-sign-out';
  constructor(readonly detail: { user: OrgUser; revoked: number }) {
    super(SubuserSignOutEvent.eventName, options);
  }
}

/** Fired by `<org-api-keys>` after an API key was created or revoked; never carries the key itself. */
export class ApiKeysChangeEvent extends Event {
  static readonly eventName = 'api-keys-change';
  constructor(readonly detail: { action: 'created' | 'revoked'; apiKey: ApiKey }) {
    super(ApiKeysChangeEvent.eventName, options);
  }
}

/** Fired by `<webhook-list>` after an endpoint was added, turned on or off, given a new secret or removed (never with the secret). */
export class WebhooksChangeEvent extends Event {
  static readonly eventName = 'webhooks-change';
  constructor(readonly detail: { action: 'added' | 'enabled' | 'disabled' | 'rotated' | 'removed'; webhook: Webhook }) {
    super(WebhooksChangeEvent.eventName, options);
  }
}

/** Fired by `<passkey-list>` after a passkey was added, renamed or removed. */
export class PasskeysChangeEvent extends Event {
  static readonly eventName = 'passkeys-change';
  constructor(readonly detail: { action: 'added' | 'renamed' | 'removed'; passkey: Passkey }) {
    super(PasskeysChangeEvent.eventName, options);
  }
}

/** Fired by `<profile-settings>` after its "Sign out" ended the session. */
export class SignOutEvent extends Event {
  static readonly eventName = 'sign-out';
  constructor(readonly detail: Record<string, never> = {}) {
    super(SignOutEvent.eventName, options);
  }
}

/**
 * Fired by `<portcullis-provider>` when the person it knew as signed in no longer is: a sign-out,
 * an ended or expired session. The host drops the tokens it holds for its own backend.
 */
export class SignedOutEvent extends Event {
  static readonly eventName = 'signed-out';
  constructor(readonly detail: { reason: 'sign-out' | 'session-ended' }) {
    super(SignedOutEvent.eventName, options);
  }
}

declare global {
  interface HTMLElementEventMap {
    'signed-out': SignedOutEvent;
    login: LoginEvent;
    'session-expired': SessionExpiredEvent;
    'mfa-change': MfaChangeEvent;
    'password-change': PasswordChangeEvent;
    'org-policy-change': OrgPolicyChangeEvent;
    'subuser-mfa-reset': SubuserMfaResetEvent;
    'sign-out': SignOutEvent;
    'sessions-change': SessionsChangeEvent;
    'subuser-sign-out': SubuserSignOutEvent;
    'passkeys-change': PasskeysChangeEvent;
    'api-keys-change': ApiKeysChangeEvent;
    'webhooks-change': WebhooksChangeEvent;
  }
}
