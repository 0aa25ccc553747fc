import { confirmSessionEnrollment, startSessionEnrollment } from '../domain/mfa/enroll-in-session.ts';
import { setMfaEnabled } from '../domain/mfa/mfa-switch.ts';
import { resetOwnMfa } from '../domain/mfa/own-mfa-reset.ts';
import { renewRecoveryCodes } from '../domain/mfa/recovery-codes.ts';
import type { SomeHandlers } from './endpoint.ts';

/** The signed-in person's own MFA: the switch, a reset, recovery codes, "Set up now". */
export const mfaHandlers: SomeHandlers<
  'setMfaEnabled' | 'resetMfa' | 'renewRecoveryCodes' | 'startEnrollment' | 'confirmEnrollment'
> = {
  setMfaEnabled: ({ services, auth, body, meta }) => setMfaEnabled(services, auth, body.enabled, meta),
  resetMfa: ({ services, auth, meta }) => resetOwnMfa(services, auth, meta),
  async renewRecoveryCodes({ services, auth, meta }) {
    const recoveryCodes = await renewRecoveryCodes(services, auth, meta);
    return { recoveryCodes };
  },
  startEnrollment({ services, auth }) {
    return startSessionEnrollment(services, auth);
  },
  async confirmEnrollment({ services, auth, body, meta }) {
    const recoveryCodes = await confirmSessionEnrollment(services, auth, body.code, meta);
    return { recoveryCodes };
  },
};
