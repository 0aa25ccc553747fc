import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createNativeArgon2Hasher } from '../src/crypto/native-argon2-hasher.ts';
import { cryptoRandom } from '../src/deps.ts';
import { newUserRecord } from '../src/domain/org/new-user.ts';
import type { Store, UserRecord } from '../src/store/store.ts';

/** The built `portcullis-server` command, as an operator runs it. */
export const serverBin = fileURLToPath(new URL('../bin/portcullis-server.js', import.meta.url));

/** Starts the built server on a database and a free port; resolves once it listens. */
export async function startBuiltServer(
  db: string,
  env: NodeJS.ProcessEnv,
  args: readonly string[] = [],
): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [serverBin, '--db', db, '--port', '0', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /running at (http:\/\/\S+?)\/ /.exec(line);
    if (match) return { url: match[1]!, stop: () => child.kill() };
  }
  throw new Error('portcullis-server did not start');
}

/** An API key of the organization "Bench", made as an operator does (`create-api-key`). */
export function benchApiKey(db: string, env: NodeJS.ProcessEnv): string {
  const made = spawnSync(
    process.execPath,
    [serverBin, 'create-api-key', '--org', 'Bench', '--name', 'bench', '--db', db],
    {
      env,
      encoding: 'utf8',
    },
  );
  if (made.status !== 0) throw new Error(made.stderr);
  return made.stdout.trim();
}

/**
 * The organization "Bench" (id `org_bench`) with its root `bench-root`, written straight into the
 * store; answers the root, whose one Argon2id hash the benchmarks reuse for every member.
 */
export async function seedBenchOrganization(store: Store, now: number): Promise<UserRecord> {
  const root = await newUserRecord(
    { hasher: createNativeArgon2Hasher(), random: cryptoRandom },
    { orgId: 'org_bench', username: 'bench-root', password: 'x', role: 'root', now },
  );
  await store.createOrganization(
    {
      id: 'org_bench',
      name: 'Bench',
      enforceMfa: false,
      mfaDeadline: null,
      phishingResistant: false,
      policyUpdatedAt: now,
      createdAt: now,
    },
    root,
  );
  return root;
}
