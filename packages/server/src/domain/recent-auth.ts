import { ProblemError } from '../http/problem.ts';
import type { Services } from '../services.ts';
import type { Authenticated } from './sessions.ts';

/**
 * Sensitive changes need a recent proof of identity (DESIGN.md): within the re-authentication
 * window, and with the second factor when the user has an authenticator linked. Resetting one's
 * own MFA asks only for the password, so a lost device can still be replaced (`'password'`).
 */
export function requireRecentAuth(services: Services, auth: Authenticated, level: 'password' | 'second-factor'): void {
  const { session, user } = auth;
  const recent = services.clock.now() < session.reauthAt + services.settings.reauthWindowMs;
  const needsCode = level === 'second-factor' && user.totpSecretSealed !== null;
  if (!recent || (needsCode && !session.reauthSecondFactor)) {
    // The field errors tell a client what to ask for: the password, and the code where needed.
    throw new ProblemError('reauth_required', {
      detail: needsCode ? 'Confirm with your password and an authenticator code.' : 'Confirm with your password.',
      errors: [
        { path: 'password', code: 'required', message: 'Your password is needed.' },
        ...(needsCode ? [{ path: 'code', code: 'required', message: 'A code from your authenticator app or a recovery code is needed.' }] : []),
      ],
    });
  }
}
