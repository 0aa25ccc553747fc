import { Hono } from 'hono';
import {
  changePasswordRequestSchema,
  confirmEnrollmentRequestSchema,
  reauthRequestSchema,
  registerPasskeyRequestSchema,
  renamePasskeyRequestSchema,
  setMfaRequestSchema,
} from '@portcullis/sdk/contract';
import { finishPasskeyRegistration, listOwnPasskeys, removeOwnPasskey, renameOwnPasskey, startPasskeyRegistration } from '../domain/passkeys/own-passkeys.ts';
import { relyingParty } from '../domain/passkeys/relying-party.ts';
import { confirmSessionEnrollment, startSessionEnrollment } from '../domain/mfa/enroll-in-session.ts';
import { endOtherSessions, endOwnSession, listOwnSessions } from '../domain/sessions/own-sessions.ts';
import { clearSessionCookie } from '../http/session-token.ts';
import { resetOwnMfa } from '../domain/mfa/own-mfa-reset.ts';
import { setMfaEnabled } from '../domain/mfa/mfa-switch.ts';
import { changePassword } from '../domain/password/password-change.ts';
import { profile } from '../domain/sessions/profile.ts';
import { reauthenticate, startPasskeyReauth } from '../domain/sessions/reauthenticate.ts';
import { renewRecoveryCodes } from '../domain/mfa/recovery-codes.ts';
import type { AppEnv } from '../http/env.ts';
import { parseBody } from '../http/parse.ts';
import { requireSession } from '../http/require-session.ts';
import type { Services } from '../services.ts';

/** The signed-in user's own account. */
export function meRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requireSession(services));

  app.get('/', (c) => c.json(profile(services, c.get('auth'))));

  app.post('/reauth/passkey', async (c) => c.json(await startPasskeyReauth(services, c.get('auth'), relyingParty(services, c.get('origin')))));
  app.post('/reauth', async (c) => {
    const input = await parseBody(c, reauthRequestSchema);
    return c.json(await reauthenticate(services, c.get('auth'), input, c.get('meta'), relyingParty(services, c.get('origin'))));
  });
  app.get('/passkeys', async (c) => c.json(await listOwnPasskeys(services, c.get('auth'))));
  app.post('/passkeys/registration', async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await startPasskeyRegistration(services, c.get('auth'), relyingParty(services, c.get('origin'))));
  });
  app.post('/passkeys/registration/verify', async (c) => {
    const input = await parseBody(c, registerPasskeyRequestSchema);
    c.header('cache-control', 'no-store');
    return c.json(await finishPasskeyRegistration(services, c.get('auth'), relyingParty(services, c.get('origin')), input, c.get('meta')));
  });
  app.patch('/passkeys/:id', async (c) => {
    const { name } = await parseBody(c, renamePasskeyRequestSchema);
    return c.json(await renameOwnPasskey(services, c.get('auth'), c.req.param('id'), name));
  });
  app.delete('/passkeys/:id', async (c) => {
    await removeOwnPasskey(services, c.get('auth'), c.req.param('id'), c.get('meta'));
    return c.body(null, 204);
  });

  app.put('/mfa', async (c) => {
    const { enabled } = await parseBody(c, setMfaRequestSchema);
    return c.json(await setMfaEnabled(services, c.get('auth'), enabled, c.get('meta')));
  });

  app.post('/mfa/reset', async (c) => c.json(await resetOwnMfa(services, c.get('auth'), c.get('meta'))));

  app.post('/mfa/recovery-codes', async (c) => {
    const recoveryCodes = await renewRecoveryCodes(services, c.get('auth'), c.get('meta'));
    c.header('cache-control', 'no-store');
    return c.json({ recoveryCodes });
  });

  app.post('/mfa/enrollment', async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await startSessionEnrollment(services, c.get('auth')));
  });
  app.post('/mfa/enrollment/confirm', async (c) => {
    const { code } = await parseBody(c, confirmEnrollmentRequestSchema);
    const recoveryCodes = await confirmSessionEnrollment(services, c.get('auth'), code, c.get('meta'));
    c.header('cache-control', 'no-store');
    return c.json({ recoveryCodes });
  });
  app.get('/sessions', async (c) => c.json(await listOwnSessions(services, c.get('auth'))));
  app.delete('/sessions/:id', async (c) => {
    const { wasCurrent } = await endOwnSession(services, c.get('auth'), c.req.param('id'), c.get('meta'));
    if (wasCurrent && c.get('auth').tokenType === 'cookie') clearSessionCookie(c);
    return c.body(null, 204);
  });
  app.post('/sessions/revoke-others', async (c) => c.json(await endOtherSessions(services, c.get('auth'), c.get('meta'))));
  app.post('/password', async (c) => {
    const input = await parseBody(c, changePasswordRequestSchema);
    await changePassword(services, c.get('auth'), input, c.get('meta'));
    return c.body(null, 204);
  });

  return app;
}
