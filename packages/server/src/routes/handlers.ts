import type { Handlers } from './endpoint.ts';
import { loginHandlers } from './login.ts';
import { metaHandlers } from './meta.ts';
import { mfaHandlers } from './mfa.ts';
import { orgHandlers } from './org.ts';
import { passkeyHandlers } from './passkeys.ts';
import { passwordHandlers } from './password.ts';
import { sessionHandlers } from './sessions.ts';
import { tokenHandlers } from './tokens.ts';
import { webhookHandlers } from './webhooks.ts';

/** Every endpoint's handler, one route file per concept; the type makes it complete. */
export function handlers(): Handlers {
  return {
    ...loginHandlers,
    ...sessionHandlers,
    ...mfaHandlers,
    ...passkeyHandlers,
    ...passwordHandlers,
    ...orgHandlers,
    ...tokenHandlers,
    ...webhookHandlers,
    ...metaHandlers(),
  };
}
