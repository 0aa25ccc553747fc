import { Hono } from 'hono';
import {
  createUserRequestSchema,
  orgEventsQuerySchema,
  orgUsersQuerySchema,
  setOrgPolicyRequestSchema,
} from '@portcullis/sdk/contract';
import { listOrgEvents } from '../domain/org/org-events.ts';
import { orgPolicy, setEnforceMfa } from '../domain/org/org-policy.ts';
import { createSubuser, deleteSubuser, listOrgUsers, resetSubuserMfa } from '../domain/org/org-users.ts';
import { endSubuserSessions } from '../domain/sessions/own-sessions.ts';
import type { AppEnv } from '../http/env.ts';
import { parseBody, parseQuery } from '../http/parse.ts';
import { requireRoot, requireSession } from '../http/require-session.ts';
import type { Services } from '../services.ts';

/** Organization policies: the root user's alone. */
export function orgRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requireSession(services), requireRoot);

  app.get('/policy', (c) => c.json(orgPolicy(c.get('auth').org)));

  app.put('/policy', async (c) => {
    const { enforceMfa } = await parseBody(c, setOrgPolicyRequestSchema);
    return c.json(await setEnforceMfa(services, c.get('auth'), enforceMfa, c.get('meta')));
  });

  app.get('/users', async (c) => c.json(await listOrgUsers(services, c.get('auth').org, parseQuery(c, orgUsersQuerySchema))));

  app.post('/users', async (c) => {
    const input = await parseBody(c, createUserRequestSchema);
    return c.json(await createSubuser(services, c.get('auth'), input, c.get('meta')), 201);
  });

  app.delete('/users/:id', async (c) => {
    await deleteSubuser(services, c.get('auth'), c.req.param('id'), c.get('meta'));
    return c.body(null, 204);
  });

  app.post('/users/:id/mfa/reset', async (c) =>
    c.json(await resetSubuserMfa(services, c.get('auth'), c.req.param('id'), c.get('meta'))),
  );

  app.post('/users/:id/sessions/revoke', async (c) =>
    c.json(await endSubuserSessions(services, c.get('auth'), c.req.param('id'), c.get('meta'))),
  );
  app.get('/events', async (c) => {
    const { cursor } = parseQuery(c, orgEventsQuerySchema);
    return c.json(await listOrgEvents(services, c.get('auth').org.id, cursor));
  });

  return app;
}
