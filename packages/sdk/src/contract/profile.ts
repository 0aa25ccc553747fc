import * as z from 'zod/mini';
import { mfaStateSchema } from './mfa.ts';
import { idSchema } from './scalars.ts';
import { sessionInfoSchema } from './sessions.ts';

// The signed-in person (GET /me).

export const roleSchema = z.enum(['root', 'subuser']);
export type Role = z.infer<typeof roleSchema>;

export const meSchema = z.object({
  id: idSchema,
  username: z.string(),
  role: roleSchema,
  organization: z.object({ id: idSchema, name: z.string() }),
  mfa: mfaStateSchema,
  session: sessionInfoSchema,
});
export type Me = z.infer<typeof meSchema>;
