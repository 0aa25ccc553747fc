import { statSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { ListenError } from '../adapters/node-server.ts';
import { createApp } from '../app.ts';
import { createImportedHashVerifier } from '../crypto/node-imported-hashes.ts';
import { consoleLogger, type AppDeps } from '../deps.ts';
import { createOrganization } from '../domain/org/organizations.ts';
import { DomainError } from '../domain/errors.ts';
import { problemBody } from '../http/problem.ts';
import {
  commonPasswordList,
  createNativeArgon2Hasher,
  nodeClientAddress,
  nodeListenAddress,
  startNodeServer,
  nodeWebhookNetwork,
} from '../node.ts';
import { SchemaTooNewError, StoreUnavailableError } from '../store/store.ts';
import {
  parseCommandLine,
  usage,
  UsageError,
  type CreateOrgConfig,
  type DatabaseTarget,
  type MigrateConfig,
  type ServeConfig,
} from './config.ts';
import { checkSecretKey } from './key-check.ts';
import { openStore, secretKeyFor } from './open-store.ts';
import { isOperatorCommand, OperatorError, parseOperatorCommand } from './operator-config.ts';
import { runOperatorCommand } from './operator-commands.ts';
import { seedDemo } from './seed-demo.ts';

type Env = Readonly<Record<string, string | undefined>>;

async function baseDeps(
  db: DatabaseTarget,
  env: Env,
  waitForever: boolean,
  hashConcurrency?: number,
): Promise<AppDeps> {
  // The key first: a missing one is a usage error, found before waiting on any database.
  const secretKey = secretKeyFor(db, env, consoleLogger);
  return {
    store: await openStore(db, consoleLogger, { waitForever }),
    hasher: createNativeArgon2Hasher(undefined, hashConcurrency),
    importedHashes: createImportedHashVerifier(),
    secretKey,
    commonPasswords: commonPasswordList(),
  };
}

async function serveCommand(config: ServeConfig, env: Env): Promise<void> {
  if (config.staticDir !== undefined && !statSync(config.staticDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--static: no folder at ${config.staticDir}`);
  }
  const deps: AppDeps = {
    ...(await baseDeps(config.db, env, true, config.hashConcurrency)),
    settings: config.settings,
    clientAddress: nodeClientAddress(config.trustProxy),
    listenAddress: nodeListenAddress,
    webhookNetwork: nodeWebhookNetwork(),
  };
  await checkSecretKey(
    deps.store,
    deps.secretKey,
    env.PORTCULLIS_SECRET_KEY === undefined && config.db.kind === 'sqlite'
      ? `${config.db.path}.key`
      : 'PORTCULLIS_SECRET_KEY',
  );
  // Held while this server runs: rotate-key refuses to re-seal under a running server (#28 F2).
  await deps.store.holdInstanceLock();
  if (config.seedDemo) await seedDemo(deps, env);
  const app = createApp(deps);
  const { server, url } = await startNodeServer(app, {
    port: config.port,
    host: config.host,
    staticDir: config.staticDir,
    connectOrigins: config.connectOrigins,
  });
  const shown = url.replace('//127.0.0.1:', '//localhost:');
  consoleLogger.info('portcullis-server listening', { url: shown, db: config.db.kind });
  console.log(`Portcullis is running at ${shown}/ (API at ${shown}/api/v1)`);
  // Every instance sends what is due from the shared outbox (#20).
  app.webhooks.start();
  const stop = () =>
    server.close(() => void app.webhooks.stop().then(() => deps.store.close().then(() => process.exit(0))));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function createOrgCommand(config: CreateOrgConfig, env: Env): Promise<void> {
  const password = (env.PORTCULLIS_ROOT_PASSWORD ?? (await text(process.stdin))).replace(/\r?\n$/, '');
  if (password === '') throw new UsageError('create-org: no password on standard input or in PORTCULLIS_ROOT_PASSWORD');
  const deps = await baseDeps(config.db, env, false);
  try {
    const { org, users } = await createOrganization(deps, {
      name: config.name,
      root: { username: config.username, password },
    });
    console.log(`Created organization "${org.name}" (${org.id}) with root user ${users[0]?.username}.`);
  } finally {
    await deps.store.close();
  }
}

/** Opening a store migrates it; for deploy pipelines that migrate before starting instances. */
async function migrateCommand(config: MigrateConfig): Promise<void> {
  const store = await openStore(config.db, consoleLogger, { waitForever: false });
  await store.close();
  console.log('The database schema is up to date.');
}

/**
 * The command line: one line and exit code 2 for a wrong flag of the server or create-org; one
 * line and exit code 1 for a support-desk command that cannot be done (a bad value, an unknown
 * user), for a database that cannot be used (unreachable, or migrated by a newer version) and
 * for an address the server cannot listen on.
 */
export async function main(argv: readonly string[], env: Env): Promise<void> {
  try {
    const [first, ...rest] = argv;
    if (isOperatorCommand(first))
      return await runOperatorCommand(parseOperatorCommand(first, rest, env), env, consoleLogger);
    const config = parseCommandLine(argv, env);
    if (config.command === 'help') console.log(usage);
    else if (config.command === 'create-org') await createOrgCommand(config, env);
    else if (config.command === 'migrate') await migrateCommand(config);
    else await serveCommand(config, env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof DomainError) {
      const message =
        error instanceof DomainError
          ? (error.detail ?? error.errors?.map((e) => e.message).join(' ') ?? problemBody(error).title)
          : error.message;
      console.error(`portcullis-server: ${message}`);
      if (error instanceof UsageError && error.showUsage) console.error(`\n${usage}`);
      process.exit(2);
    }
    if (
      error instanceof OperatorError ||
      error instanceof SchemaTooNewError ||
      error instanceof StoreUnavailableError ||
      error instanceof ListenError
    ) {
      console.error(`portcullis-server: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
