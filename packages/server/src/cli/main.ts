import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { text } from 'node:stream/consumers';
import { createApp } from '../app.ts';
import { consoleLogger, type AppDeps } from '../deps.ts';
import { createOrganization } from '../domain/organizations.ts';
import { ProblemError } from '../http/problem.ts';
import { commonPasswordList, createNativeArgon2Hasher, createSqliteStore, nodeClientAddress, startNodeServer } from '../node.ts';
import { parseCommandLine, usage, UsageError, type CreateOrgConfig, type ServeConfig } from './config.ts';
import { loadOrCreateSecretKey, parseSecretKey } from './secret-key.ts';
import { seedDemo } from './seed-demo.ts';

type Env = Readonly<Record<string, string | undefined>>;

function secretKeyFor(db: string, env: Env): Uint8Array {
  if (env.PORTCULLIS_SECRET_KEY !== undefined) {
    try {
      return parseSecretKey(env.PORTCULLIS_SECRET_KEY);
    } catch (error) {
      throw new UsageError(`PORTCULLIS_SECRET_KEY: ${(error as Error).message}`);
    }
  }
  const { key, created } = loadOrCreateSecretKey(`${db}.key`);
  if (created) consoleLogger.info('generated a secret key beside the database', { path: `${db}.key` });
  return key;
}

function baseDeps(db: string, env: Env): AppDeps {
  mkdirSync(dirname(db), { recursive: true });
  return {
    store: createSqliteStore(db),
    hasher: createNativeArgon2Hasher(),
    secretKey: secretKeyFor(db, env),
    commonPasswords: commonPasswordList(),
  };
}

async function serveCommand(config: ServeConfig, env: Env): Promise<void> {
  const deps: AppDeps = { ...baseDeps(config.db, env), settings: config.settings, clientAddress: nodeClientAddress(config.trustProxy) };
  if (config.seedDemo) await seedDemo(deps, env);
  const app = createApp(deps);
  const { server, url } = await startNodeServer(app, { port: config.port, host: config.host, staticDir: config.staticDir });
  const shown = url.replace('//127.0.0.1:', '//localhost:');
  consoleLogger.info('portcullis-server listening', { url: shown, db: config.db });
  console.log(`Portcullis is running at ${shown}/ (API at ${shown}/api/v1)`);
  const stop = () => server.close(() => void deps.store.close().then(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function createOrgCommand(config: CreateOrgConfig, env: Env): Promise<void> {
  const password = (env.PORTCULLIS_ROOT_PASSWORD ?? (await text(process.stdin))).replace(/\r?\n$/, '');
  if (password === '') throw new UsageError('create-org: no password on standard input or in PORTCULLIS_ROOT_PASSWORD');
  const deps = baseDeps(config.db, env);
  try {
    const { org, users } = await createOrganization(deps, { name: config.name, root: { username: config.username, password } });
    console.log(`Created organization "${org.name}" (${org.id}) with root user ${users[0]?.username}.`);
  } finally {
    await deps.store.close();
  }
}

/** The command line: one line and exit code 2 for anything the caller got wrong. */
export async function main(argv: readonly string[], env: Env): Promise<void> {
  try {
    const config = parseCommandLine(argv, env);
    if (config.command === 'help') console.log(usage);
    else if (config.command === 'create-org') await createOrgCommand(config, env);
    else await serveCommand(config, env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ProblemError) {
      const message = error instanceof ProblemError ? (error.detail ?? error.errors?.map((e) => e.message).join(' ') ?? error.message) : error.message;
      console.error(`portcullis-server: ${message}`);
      process.exit(2);
    }
    throw error;
  }
}

