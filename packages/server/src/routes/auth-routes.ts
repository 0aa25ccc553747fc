import { Hono, type Context } from 'hono';
import { loginRequestSchema, mfaLoginRequestSchema, passkeyLoginRequestSchema, type Authenticated as AuthenticatedBody } from '@portcullis/sdk/contract';
import { finishPasskeyLogin, startPasskeyLogin } from '../domain/login/passkey-sign-in.ts';
import { relyingParty } from '../domain/passkeys/relying-party.ts';
import { passwordStep } from '../domain/login/sign-in.ts';
import { mfaStep } from '../domain/login/mfa-step.ts';
import { profile } from '../domain/sessions/profile.ts';
import type { NewSession } from '../domain/sessions/sessions.ts';
import type { AppEnv } from '../http/env.ts';
import { parseBody } from '../http/parse.ts';
import { requireSession } from '../http/require-session.ts';
import { clearSessionCookie, writeSessionCookie } from '../http/session-token.ts';
import type { Services } from '../services.ts';
import type { OrganizationRecord, UserRecord } from '../store/store.ts';

/** Login, its MFA step and logout. */
export function authRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** Hands the new session over: a cookie for browsers, the token in the body for bearer callers. */
  async function signedIn(
    c: Context<AppEnv>,
    session: NewSession,
    user: UserRecord,
    org: OrganizationRecord,
    tokenType: 'cookie' | 'bearer',
    recoveryCodes?: string[],
  ) {
    const body: AuthenticatedBody = {
      status: 'authenticated',
      user: profile(services, { user, org, session: session.record, recoveryCodesLeft: recoveryCodes?.length ?? (await services.store.countRecoveryCodes(user.id)) }),
      ...(tokenType === 'bearer' ? { token: session.token } : {}),
      ...(recoveryCodes ? { recoveryCodes } : {}),
    };
    if (tokenType === 'cookie') writeSessionCookie(c, session.token, services.settings.sessionMaxLifetimeMs);
    c.header('cache-control', 'no-store');
    return c.json(body);
  }

  app.post('/login', async (c) => {
    const input = await parseBody(c, loginRequestSchema);
    const outcome = await passwordStep(services, { ...input, tokenType: input.tokenType ?? 'cookie' }, c.get('meta'), relyingParty(services, c.get('origin')));
    if (outcome.status === 'authenticated') {
      return signedIn(c, outcome.session, outcome.user, outcome.org, outcome.tokenType);
    }
    const challenge = { ...outcome.challenge, expiresAt: new Date(outcome.challenge.expiresAt).toISOString() };
    c.header('cache-control', 'no-store');
    return outcome.status === 'mfa_required'
      ? c.json({ status: outcome.status, challenge })
      : c.json({ status: outcome.status, challenge, enrollment: outcome.enrollment, passkeyOptions: outcome.passkeyOptions });
  });

  app.post('/login/mfa', async (c) => {
    const input = await parseBody(c, mfaLoginRequestSchema);
    const outcome = await mfaStep(services, input, c.get('meta'), relyingParty(services, c.get('origin')));
    return signedIn(c, outcome.session, outcome.user, outcome.org, outcome.tokenType, outcome.recoveryCodes);
  });
  app.post('/login/passkey', async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await startPasskeyLogin(services, relyingParty(services, c.get('origin'))));
  });
  app.post('/login/passkey/verify', async (c) => {
    const input = await parseBody(c, passkeyLoginRequestSchema);
    const outcome = await finishPasskeyLogin(services, relyingParty(services, c.get('origin')), { ...input, tokenType: input.tokenType ?? 'cookie' }, c.get('meta'));
    return signedIn(c, outcome.session, outcome.user, outcome.org, outcome.tokenType);
  });

  app.post('/logout', requireSession(services), async (c) => {
    await services.store.deleteSession(c.get('auth').session.tokenHash);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  return app;
}
