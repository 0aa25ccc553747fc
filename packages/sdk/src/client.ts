import {
  authenticatedSchema,
  loginResponseSchema,
  reauthResponseSchema,
  sessionEnrollmentSchema,
  type Authenticated,
  type LoginResponse,
  type ReauthResponse,
  type SessionEnrollment,
} from './contract/auth.ts';
import {
  meSchema,
  mfaStateSchema,
  recoveryCodesResponseSchema,
  revokedSchema,
  sessionsSchema,
  type Me,
  type MfaState,
  type SessionSummary,
} from './contract/me.ts';
import { passwordPolicySchema, type PasswordPolicy } from './contract/password-policy.ts';
import { createEmitter, type ClientEventHandler, type ClientEventName } from './client-events.ts';
import { createOrgClient, type OrgClient } from './org-client.ts';
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
  /** Answers the challenge with a TOTP or recovery code; after an enrollment, `recoveryCodes` are shown once. */
  completeMfa(input: { challengeId: string; code: string }): Promise<Authenticated>;
  logout(): Promise<void>;
  me(): Promise<Me>;
  /** Confirms identity for sensitive changes: the password, plus a code where MFA is set up. */
  reauthenticate(input: { password: string; code?: string }): Promise<ReauthResponse>;
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
  const changed = (what: 'sessions' | 'mfa' | 'password' | 'policy' | 'users') => emitter.emit('change', { what });
  const session = (signedIn: boolean) => emitter.emit('change', { what: 'session', signedIn });
  const signedIn = (result: Authenticated) => {
    if (tokenType === 'bearer' && result.token !== undefined) token = result.token;
    session(true);
  };

  return {
    async login({ username, password }) {
      const result = await call('post', 'login', { json: { username, password, tokenType }, schema: loginResponseSchema });
      if (result.status === 'authenticated') signedIn(result);
      return result;
    },
    async completeMfa({ challengeId, code }) {
      const result = await call('post', 'login/mfa', { json: { challengeId, code }, schema: authenticatedSchema });
      signedIn(result);
      return result;
    },
    async logout() {
      try {
        await call('post', 'logout', { schema: undefined });
      } finally {
        token = undefined;
        session(false);
      }
    },
    me: () => call('get', 'me', { schema: meSchema }),
    reauthenticate: ({ password, code }) =>
      call('post', 'me/reauth', { json: code === undefined ? { password } : { password, code }, schema: reauthResponseSchema }),
    async setMfaEnabled(enabled) {
      const state = await call('put', 'me/mfa', { json: { enabled }, schema: mfaStateSchema });
      changed('mfa');
      return state;
    },
    async resetMfa() {
      const state = await call('post', 'me/mfa/reset', { schema: mfaStateSchema });
      changed('mfa');
      return state;
    },
    async renewRecoveryCodes() {
      const { recoveryCodes } = await call('post', 'me/mfa/recovery-codes', { schema: recoveryCodesResponseSchema });
      changed('mfa');
      return recoveryCodes;
    },
    startEnrollment: () => call('post', 'me/mfa/enrollment', { schema: sessionEnrollmentSchema }),
    async confirmEnrollment(code) {
      const { recoveryCodes } = await call('post', 'me/mfa/enrollment/confirm', { json: { code }, schema: recoveryCodesResponseSchema });
      changed('mfa');
      return recoveryCodes;
    },
    async changePassword({ currentPassword, newPassword }) {
      await call('post', 'me/password', { json: { currentPassword, newPassword }, schema: undefined });
      changed('password');
    },
    async sessions() {
      return (await call('get', 'me/sessions', { schema: sessionsSchema })).items;
    },
    async revokeSession(id) {
      await call('delete', `me/sessions/${encodeURIComponent(id)}`, { schema: undefined });
      changed('sessions');
    },
    async revokeOtherSessions() {
      const { revoked } = await call('post', 'me/sessions/revoke-others', { schema: revokedSchema });
      changed('sessions');
      return revoked;
    },
    passwordPolicy: () => call('get', 'password-policy', { schema: passwordPolicySchema }),
    org: createOrgClient(call, changed),
    on: (name, handler) => emitter.on(name, handler),
    get token() {
      return token;
    },
    set token(value) {
      token = value;
    },
  };
}
