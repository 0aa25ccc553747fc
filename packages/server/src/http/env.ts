import type { Authenticated } from '../domain/sessions.ts';
import type { RequestMeta } from '../domain/events.ts';
import type { RequestOrigin } from './public-origin.ts';

/** What middleware hands to route handlers through Hono's context. */
export interface AppEnv {
  Variables: {
    meta: RequestMeta;
    origin: RequestOrigin;
    auth: Authenticated;
  };
}
