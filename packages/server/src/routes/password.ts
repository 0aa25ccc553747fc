import { hasSecondFactor } from '../domain/mfa/mfa-state.ts';
import { changePassword } from '../domain/password/password-change.ts';
import { passwordPolicyFor } from '../domain/password/password-policy.ts';
import { authenticate } from '../domain/sessions/sessions.ts';
import { readSessionToken } from '../http/session-token.ts';
import type { SomeHandlers } from './endpoint.ts';

/** Changing the password, and the rules it must meet. */
export const passwordHandlers: SomeHandlers<'changePassword' | 'passwordPolicy'> = {
  changePassword: ({ services, auth, body, meta }) => changePassword(services, auth, body, meta),
  async passwordPolicy({ services, c }) {
    // With a session, the caller's own minimum (8 only with an authenticator linked); without one,
    // the single-factor minimum.
    const presented = readSessionToken(c);
    const auth = presented && (await authenticate(services, presented.token, presented.tokenType));
    return passwordPolicyFor(services, auth ? hasSecondFactor(auth.user) : null);
  },
};
