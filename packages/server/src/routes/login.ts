import type { Context } from 'hono';
import type { Authenticated as AuthenticatedBody } from '@portcullis/sdk/contract';
import { mfaStep } from '../domain/login/mfa-step.ts';
import { finishPasskeySetup } from '../domain/login/passkey-setup.ts';
import { finishPasskeyLogin, startPasskeyLogin } from '../domain/login/passkey-sign-in.ts';
import { passwordStep } from '../domain/login/sign-in.ts';
import { profile } from '../domain/sessions/profile.ts';
import type { NewSession } from '../domain/sessions/sessions.ts';
import type { AppEnv } from '../http/env.ts';
import { clearSessionCookie, writeSessionCookie } from '../http/session-token.ts';
import type { Services } from '../services.ts';
import type { OrganizationRecord, UserRecord } from '../store/store.ts';
import type { SomeHandlers } from './endpoint.ts';

/** Hands the new session over: a cookie for browsers, the token in the body for bearer callers. */
async function signedIn(
  services: Services,
  c: Context<AppEnv>,
  outcome: {
    session: NewSession;
    user: UserRecord;
    org: OrganizationRecord;
    tokenType: 'cookie' | 'bearer';
    recoveryCodes?: string[] | undefined;
  },
): Promise<AuthenticatedBody> {
  const { session, user, org, tokenType, recoveryCodes } = outcome;
  const recoveryCodesLeft = recoveryCodes?.length ?? (await services.store.countRecoveryCodes(user.id));
  if (tokenType === 'cookie') writeSessionCookie(c, session.token, services.settings.sessionMaxLifetimeMs);
  return {
    status: 'authenticated',
    user: profile(services, { user, org, session: session.record, recoveryCodesLeft }),
    ...(tokenType === 'bearer' ? { token: session.token } : {}),
    ...(recoveryCodes ? { recoveryCodes } : {}),
  };
}

/** Login, its MFA step, sign-in with a passkey, and logout. */
export const loginHandlers: SomeHandlers<
  'login' | 'completeMfa' | 'finishPasskeySetup' | 'startPasskeyLogin' | 'finishPasskeyLogin' | 'logout'
> = {
  async login({ services, c, body, meta, rp }) {
    const outcome = await passwordStep(services, { ...body, tokenType: body.tokenType ?? 'cookie' }, meta, rp());
    if (outcome.status === 'authenticated') return signedIn(services, c, outcome);
    const challenge = { ...outcome.challenge, expiresAt: new Date(outcome.challenge.expiresAt).toISOString() };
    return outcome.status === 'mfa_required'
      ? { status: outcome.status, challenge }
      : { status: outcome.status, challenge, enrollment: outcome.enrollment, passkeyOptions: outcome.passkeyOptions };
  },
  async completeMfa({ services, c, body, meta, rp }) {
    const outcome = await mfaStep(services, body, meta, rp());
    if (outcome.status === 'authenticated') return signedIn(services, c, outcome);
    const expiresAt = new Date(outcome.challenge.expiresAt).toISOString();
    return { ...outcome, challenge: { ...outcome.challenge, expiresAt } };
  },
  async finishPasskeySetup({ services, c, body, meta, rp }) {
    return signedIn(services, c, await finishPasskeySetup(services, rp(), body, meta));
  },
  async startPasskeyLogin({ services, rp }) {
    return startPasskeyLogin(services, rp());
  },
  async finishPasskeyLogin({ services, c, body, meta, rp }) {
    return signedIn(
      services,
      c,
      await finishPasskeyLogin(services, rp(), { ...body, tokenType: body.tokenType ?? 'cookie' }, meta),
    );
  },
  async logout({ services, c, auth }) {
    await services.store.deleteSession(auth.session.tokenHash);
    clearSessionCookie(c);
  },
};
