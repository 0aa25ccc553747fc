import type { Authenticated } from '../domain/sessions/sessions.ts';
import type { RequestMeta } from '../domain/events.ts';
import type { OrgCaller } from '../domain/org/org-caller.ts';

/** The origin a request was addressed to, and the session cookie that belongs to it. */
export interface RequestOrigin {
  origin: string;
  secure: boolean;
  cookieName: string;
}

/** What middleware hands to route handlers through Hono's context. */
export interface AppEnv {
  Variables: {
    meta: RequestMeta;
    origin: RequestOrigin;
    auth: Authenticated;
    caller: OrgCaller;
    /** Headers a handler added to its answer (`addResponseHeader`). */
    responseHeaders: [string, string][];
  };
}
