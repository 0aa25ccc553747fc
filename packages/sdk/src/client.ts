import type { Authenticated, LoginResponse, MfaStepResponse } from './contract/login.ts';
import type { ReauthResponse } from './contract/sessions.ts';
import type { SessionEnrollment } from './contract/mfa.ts';
import type { Me } from './contract/profile.ts';
import type { MfaState } from './contract/mfa.ts';
import type { SessionSummary } from './contract/sessions.ts';
import type { AddedPasskey, Passkey } from './contract/passkeys.ts';
import type { PasswordPolicy } from './contract/password.ts';
import { accountEndpoints as endpoints } from './contract/account-routes.ts';
import { PortcullisError } from './errors.ts';
import { createPasskeyResponse, getPasskeyResponse, requireWebauthn } from './passkey-ceremony.ts';
import { createEmitter, type ChangeDetail, type ClientEventHandler, type ClientEventName } from './client-events.ts';
import type { OrgClient } from './org-client.ts';
import { lazyOrgClient } from './lazy-org-client.ts';
import { createTokenCache } from './token-cache.ts';
import { createTransport } from './transport.ts';

/** How to reach the account API. */
export interface ClientOptions {
  /** The API root, such as `/api/v1` in a browser or `https://accounts.example.com/api/v1`. */
  baseUrl: string;
  /** A fetch to use instead of the global one (a test double, an instrumented fetch, `app.fetch`). */
  fetch?: typeof globalThis.fetch;
  /** `cookie` (browsers, the default) or `bearer` (Node scripts and servers). */
  tokenType?: 'cookie' | 'bearer';
  /** A bearer token from an earlier login. */
  token?: string;
  /** Milliseconds before a request fails with `timeout` (default 10 000). */
  timeout?: number;
  /** How often a failed read is retried (default 2); writes are never retried. */
  retry?: number;
}

/** The typed client of the Portcullis account API. */
export interface PortcullisClient {
  /** Signs in with a password; the result says whether a code or an enrollment comes next. */
  login(input: { username: string; password: string }): Promise<LoginResponse>;
  /**
   * Answers the challenge with a TOTP or recovery code; after an enrollment, `recoveryCodes` are
   * shown once. Where the organization accepts only passkeys, a proven code answers
   * `passkey_setup_required`: pass that to `completeMfaWithPasskey` to register one.
   */
  completeMfa(input: { challengeId: string; code: string }): Promise<MfaStepResponse>;
  /**
   * Answers the login's next step with a passkey: one of the person's passkeys for `mfa_required`
   * (when `challenge.methods` has `passkey`), a new passkey instead of the app for
   * `mfa_setup_required` (then `recoveryCodes` come back, shown once), or the new passkey a
   * phishing-resistant organization asks for (`passkey_setup_required`).
   */
  completeMfaWithPasskey(login: Exclude<LoginResponse, { status: 'authenticated' }>): Promise<Authenticated>;
  /**
   * Signs in with a passkey alone, both factors at once. With `autofill`, waits for the person to
   * pick a passkey from the autofill list of an input with `autocomplete="username webauthn"`;
   * `signal` withdraws that offer (`passkey_cancelled`).
   */
  loginWithPasskey(options?: { autofill?: boolean; signal?: AbortSignal }): Promise<Authenticated>;
  logout(): Promise<void>;
  me(): Promise<Me>;
  /** Confirms identity for sensitive changes: the password, plus a code where MFA is set up. */
  reauthenticate(input: { password: string; code?: string }): Promise<ReauthResponse>;
  /** Confirms identity with one of one's passkeys: both factors at once. */
  reauthenticateWithPasskey(): Promise<ReauthResponse>;
  /** The person's passkeys, oldest first. */
  passkeys(): Promise<Passkey[]>;
  /** Creates a passkey in the browser and registers it; the account's first factor comes with recovery codes. */
  addPasskey(name?: string): Promise<AddedPasskey>;
  renamePasskey(id: string, name: string): Promise<Passkey>;
  /** Removes a passkey; removing the last factor turns MFA off where that is allowed. */
  removePasskey(id: string): Promise<void>;
  setMfaEnabled(enabled: boolean): Promise<MfaState>;
  resetMfa(): Promise<MfaState>;
  renewRecoveryCodes(): Promise<string[]>;
  /** "Set up now": a new authenticator secret for this session, when MFA is required and nothing is linked. */
  startEnrollment(): Promise<SessionEnrollment>;
  /** Links the authenticator with its first code; returns the recovery codes, shown once. */
  confirmEnrollment(code: string): Promise<string[]>;
  changePassword(input: { currentPassword: string; newPassword: string }): Promise<void>;
  /** Where the person is signed in, most recently active first; `current` marks this session. */
  sessions(): Promise<SessionSummary[]>;
  /** Ends one session by its id; ending the current one signs out (the next call finds the session over). */
  revokeSession(id: string): Promise<void>;
  /** "Sign out everywhere else"; answers how many sessions ended. */
  revokeOtherSessions(): Promise<number>;
  passwordPolicy(): Promise<PasswordPolicy>;
  /**
   * A short-lived signed token for the integrator's own backend (send it as `Authorization:
   * Bearer`; verify it with `@portcullis/sdk/verify`). Cached, and renewed shortly before it
   * expires with one request however many callers; forgotten when the session ends.
   */
  getToken(): Promise<string>;
  /** Organization policies: the root user's alone. */
  readonly org: OrgClient;
  /** Subscribes to `session-expired`, `reauth-required` or `change`; returns the unsubscribe function. */
  on<E extends ClientEventName>(name: E, handler: ClientEventHandler<E>): () => void;
  /** Bearer mode: the current token, kept after `login`; settable to resume a session. */
  token: string | undefined;
}

/** Creates a client. Nothing is sent until a method is called. */
export function createClient(options: ClientOptions): PortcullisClient {
  const tokenType = options.tokenType ?? 'cookie';
  let token = options.token;
  const emitter = createEmitter();
  const call = createTransport(
    { baseUrl: options.baseUrl, fetch: options.fetch, timeout: options.timeout ?? 10_000, retry: options.retry ?? 2 },
    () => (tokenType === 'bearer' ? token : undefined),
    emitter,
  );
  const tokens = createTokenCache(() => call(endpoints.issueToken));
  const changed = (what: Exclude<ChangeDetail['what'], 'session'>) => {
    // An MFA reset clears the re-authentication, which the token's auth_time tells; a first
    // factor linked in place (the app or a passkey) changes its amr.
    if (what === 'mfa' || what === 'passkeys') tokens.drop();
    emitter.emit('change', { what });
  };
  // Another sign-in may be another person: their token is never handed out for the new session.
  const session = (signedIn: boolean) => {
    tokens.drop();
    emitter.emit('change', { what: 'session', signedIn });
  };
  emitter.on('session-expired', () => tokens.drop());
  // A token tells auth_time and amr: after a re-authentication the next one must tell the new ones.
  const reauthenticated = () => tokens.drop();
  const signedIn = (result: Authenticated) => {
    if (tokenType === 'bearer' && result.token !== undefined) token = result.token;
    session(true);
  };

  return {
    async login({ username, password }) {
      const result = await call(endpoints.login, { json: { username, password, tokenType } });
      if (result.status === 'authenticated') signedIn(result);
      return result;
    },
    async completeMfa({ challengeId, code }) {
      const result = await call(endpoints.completeMfa, { json: { challengeId, code } });
      if (result.status === 'authenticated') signedIn(result);
      return result;
    },
    async completeMfaWithPasskey(login) {
      let webauthn: unknown;
      if (login.status === 'passkey_setup_required') {
        const webauthn = await createPasskeyResponse(login.passkeyOptions);
        const result = await call(endpoints.finishPasskeySetup, {
          json: { challengeId: login.challenge.id, webauthn },
        });
        signedIn(result);
        return result;
      }
      if (login.status === 'mfa_setup_required') {
        if (!login.passkeyOptions)
          throw new PortcullisError('passkey_unavailable', 'The server offers no passkey enrollment');
        webauthn = await createPasskeyResponse(login.passkeyOptions);
      } else {
        if (!login.challenge.passkeyOptions)
          throw new PortcullisError('passkey_unavailable', 'No passkey may answer this sign-in');
        webauthn = await getPasskeyResponse(login.challenge.passkeyOptions);
      }
      const result = await call(endpoints.completeMfa, { json: { challengeId: login.challenge.id, webauthn } });
      // A passkey satisfies every level: the server never asks for another one after it.
      if (result.status !== 'authenticated')
        throw new PortcullisError('invalid_response', 'The server asked for a passkey after a passkey');
      signedIn(result);
      return result;
    },
    async loginWithPasskey({ autofill = false, signal } = {}) {
      requireWebauthn();
      const start = await call(endpoints.startPasskeyLogin);
      const response = await getPasskeyResponse(start.options, { autofill, signal });
      const result = await call(endpoints.finishPasskeyLogin, {
        json: { challengeId: start.challengeId, response, tokenType },
      });
      signedIn(result);
      return result;
    },
    async logout() {
      try {
        await call(endpoints.logout);
      } finally {
        token = undefined;
        session(false);
      }
    },
    me: () => call(endpoints.me),
    async reauthenticate({ password, code }) {
      const result = await call(endpoints.reauthenticate, {
        json: code === undefined ? { password } : { password, code },
      });
      reauthenticated();
      return result;
    },
    async reauthenticateWithPasskey() {
      requireWebauthn();
      const options = await call(endpoints.startPasskeyReauth);
      const result = await call(endpoints.reauthenticate, { json: { webauthn: await getPasskeyResponse(options) } });
      reauthenticated();
      return result;
    },
    async passkeys() {
      return (await call(endpoints.passkeys)).items;
    },
    async addPasskey(name) {
      requireWebauthn();
      const options = await call(endpoints.startPasskeyRegistration);
      const response = await createPasskeyResponse(options);
      const added = await call(endpoints.finishPasskeyRegistration, {
        json: name === undefined ? { response } : { response, name },
      });
      changed('passkeys');
      changed('mfa');
      return added;
    },
    async renamePasskey(id, name) {
      const renamed = await call(endpoints.renamePasskey, { params: { id }, json: { name } });
      changed('passkeys');
      return renamed;
    },
    async removePasskey(id) {
      await call(endpoints.removePasskey, { params: { id } });
      changed('passkeys');
      changed('mfa');
    },
    async setMfaEnabled(enabled) {
      const state = await call(endpoints.setMfaEnabled, { json: { enabled } });
      changed('mfa');
      if (!enabled) changed('passkeys');
      return state;
    },
    async resetMfa() {
      const state = await call(endpoints.resetMfa);
      changed('mfa');
      return state;
    },
    async renewRecoveryCodes() {
      const { recoveryCodes } = await call(endpoints.renewRecoveryCodes);
      changed('mfa');
      return recoveryCodes;
    },
    startEnrollment: () => call(endpoints.startEnrollment),
    async confirmEnrollment(code) {
      const { recoveryCodes } = await call(endpoints.confirmEnrollment, { json: { code } });
      changed('mfa');
      return recoveryCodes;
    },
    async changePassword({ currentPassword, newPassword }) {
      await call(endpoints.changePassword, { json: { currentPassword, newPassword } });
      changed('password');
    },
    async sessions() {
      return (await call(endpoints.sessions)).items;
    },
    async revokeSession(id) {
      await call(endpoints.revokeSession, { params: { id } });
      changed('sessions');
    },
    async revokeOtherSessions() {
      const { revoked } = await call(endpoints.revokeOtherSessions);
      changed('sessions');
      return revoked;
    },
    passwordPolicy: () => call(endpoints.passwordPolicy),
    getToken: () => tokens.get(),
    org: lazyOrgClient(async () => (await import('./org-client.ts')).createOrgClient(call, changed)),
    on: (name, handler) => emitter.on(name, handler),
    get token() {
      return token;
    },
    set token(value) {
      if (value !== token) tokens.drop();
      token = value;
    },
  };
}
