import type { AppDeps } from '../deps.ts';
import { createOrganization } from '../domain/org/organizations.ts';
import { DomainError } from '../domain/errors.ts';
import { isLoopbackHost } from '../http/public-origin.ts';
import { UsageError } from './usage-error.ts';

/** The documented default; set PORTCULLIS_DEMO_PASSWORD for anything reachable by others. */
export const defaultDemoPassword = 'portcullis demo passphrase';

/**
 * The published demo password only where nobody else can reach the server (#28 F4): without a
 * public origin (the server then answers for its loopback address alone) or on a loopback one.
 * A demo for others needs a password of the operator's own, in PORTCULLIS_DEMO_PASSWORD.
 */
export function assertDemoPasswordFits(
  publicOrigin: string | null,
  env: Readonly<Record<string, string | undefined>>,
): void {
  const chosen = env.PORTCULLIS_DEMO_PASSWORD;
  if (chosen !== undefined && chosen !== '' && chosen !== defaultDemoPassword) return;
  if (publicOrigin === null || isLoopbackHost(new URL(publicOrigin).hostname)) return;
  throw new UsageError(
    `--seed-demo: the demo password is published, and ${publicOrigin} is not a local origin; set PORTCULLIS_DEMO_PASSWORD to one of your own`,
  );
}

/** On an empty database: the demo organization, its root user and two subusers, printed. */
export async function seedDemo(deps: AppDeps, env: Readonly<Record<string, string | undefined>>): Promise<boolean> {
  if (!(await deps.store.isEmpty())) return false;
  const password = env.PORTCULLIS_DEMO_PASSWORD ?? defaultDemoPassword;
  try {
    await createOrganization(deps, {
      name: 'Demo Organization',
      root: { username: 'demo-root', password },
      subusers: [
        { username: 'demo-alice', password },
        { username: 'demo-bob', password },
      ],
    });
  } catch (error) {
    // Several instances started together on one empty database: one of them seeds it.
    if (error instanceof DomainError && error.code === 'conflict') return false;
    throw error;
  }
  // The documented default is no secret; a password of the operator's own is never printed.
  const shown =
    password === defaultDemoPassword ? `password "${password}"` : 'the password from PORTCULLIS_DEMO_PASSWORD';
  console.log(`Seeded the demo organization: root user demo-root, subusers demo-alice and demo-bob, ${shown}.`);
  return true;
}
