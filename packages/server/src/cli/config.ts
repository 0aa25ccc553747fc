import { defaultSettings, type ServerSettings } from '../deps.ts';
import { isLoopbackHost } from '../http/public-origin.ts';
import { assertDemoPasswordFits } from './seed-demo.ts';
import { database, defaultDatabase, type DatabaseTarget } from './database-target.ts';
import { maxTokenTtlMs } from '../domain/tokens/signing-keys.ts';
import { parseDuration } from './duration.ts';
import { parseFlags, type FlagSpec } from './parse-flags.ts';
import { operatorUsage } from './operator-config.ts';
import { printable } from './printable.ts';
import { UsageError } from './usage-error.ts';

export { UsageError } from './usage-error.ts';
export type { DatabaseTarget } from './database-target.ts';

export interface ServeConfig {
  command: 'serve';
  port: number;
  host: string;
  db: DatabaseTarget;
  seedDemo: boolean;
  staticDir: string | undefined;
  /** Origins the static pages may call besides this server (their CSP's connect-src). */
  connectOrigins: string[];
  trustProxy: boolean;
  /** Password hashes checked at once; unset: one per core but one (`defaultHashBudget`). */
  hashConcurrency: number | undefined;
  settings: Pick<
    ServerSettings,
    | 'sessionIdleTimeoutMs'
    | 'sessionMaxLifetimeMs'
    | 'reauthWindowMs'
    | 'allowedOrigins'
    | 'publicOrigin'
    | 'trustProxy'
    | 'tokenAudience'
    | 'tokenTtlMs'
    | 'apiKeyRequestsPerMinute'
    | 'webhooksAllowPrivate'
    | 'webhookRetryScheduleMs'
  >;
}

export interface CreateOrgConfig {
  command: 'create-org';
  db: DatabaseTarget;
  name: string;
  username: string;
}

export interface MigrateConfig {
  command: 'migrate';
  db: DatabaseTarget;
}

export type CliConfig = ServeConfig | CreateOrgConfig | MigrateConfig | { command: 'help' };

export const usage = `Usage:
  portcullis-server [options]               run the account API
  portcullis-server help                    this list (also --help)
  portcullis-server create-org --name N --username U [--db PATH|URL]
                                            create an organization and its root user;
                                            the password comes from PORTCULLIS_ROOT_PASSWORD or stdin
  portcullis-server migrate [--db PATH|URL]  bring the database schema up to date, then exit

Options (or the PORTCULLIS_* variable in brackets):
  --port N                     port to listen on, 0 for any free one (PORTCULLIS_PORT, 8787)
  --host H                     address to listen on (PORTCULLIS_HOST, 127.0.0.1); anything but a
                               loopback address needs --public-origin
  --public-origin URL          the origin people reach the API at, such as https://accounts.example.com;
                               other hosts are refused, the cookie follows its scheme
                               (PORTCULLIS_PUBLIC_ORIGIN; unset: localhost only)
  --db PATH|URL                SQLite file, or postgres://user:password@host/db for several instances
                               (PORTCULLIS_DB, ./data/portcullis.db)
  --seed-demo                  create the demo organization when the database is empty (PORTCULLIS_SEED_DEMO=1)
  --session-idle-timeout D     end sessions idle this long (PORTCULLIS_SESSION_IDLE_TIMEOUT, 30d)
  --session-max-lifetime D     end sessions this old (PORTCULLIS_SESSION_MAX_LIFETIME, 90d)
  --reauth-window D            how long a login allows sensitive changes (PORTCULLIS_REAUTH_WINDOW, 10m)
  --allowed-origin URL         another origin allowed to call with credentials; repeatable
                               (PORTCULLIS_ALLOWED_ORIGINS, comma-separated)
  --token-audience AUD         the "aud" of the tokens POST /api/v1/me/token issues; repeatable
                               (PORTCULLIS_TOKEN_AUDIENCE, comma-separated; unset: the public origin)
  --token-ttl D                how long such a token is valid, at most 1h (PORTCULLIS_TOKEN_TTL, 5m)
  --api-key-rate N             requests each organization API key may make a minute, across
                               instances (PORTCULLIS_API_KEY_RATE, 3000)
  --webhooks-allow-private     let webhooks go to private and loopback addresses and over http; for
                               development and tests only (PORTCULLIS_WEBHOOKS_ALLOW_PRIVATE=1)
  --webhook-retry-schedule L   the waits between a webhook's tries, comma-separated
                               (PORTCULLIS_WEBHOOK_RETRY_SCHEDULE, 5s,5m,30m,2h,5h,10h,10h)
  --hash-concurrency N         password hashes checked at once (PORTCULLIS_HASH_CONCURRENCY; one per
                               core but one, so requests keep a core while sign-ins run flat out)
  --static DIR                 serve this folder at / (PORTCULLIS_STATIC)
  --connect-origin URL         another origin the --static pages may call (your own API, for the
                               tokens of POST /api/v1/me/token); repeatable (PORTCULLIS_CONNECT_ORIGINS)
  --trust-proxy                behind a reverse proxy: the client address, host and scheme come from the
                               X-Forwarded-For/-Host/-Proto values it adds (PORTCULLIS_TRUST_PROXY=1)

${operatorUsage}

Durations: 30d, 12h, 10m, 5s, 500ms. The AES key for TOTP secrets comes from PORTCULLIS_SECRET_KEY
(64 hex digits), else, for SQLite, from <db>.key, created on first start with mode 0600; with
PostgreSQL every instance must share one PORTCULLIS_SECRET_KEY.`;

type Env = Readonly<Record<string, string | undefined>>;

function duration(name: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === null) throw new UsageError(`${name}: "${value}" is not a duration such as 30d, 10m or 5s`);
  return ms;
}

function flag(value: boolean | undefined, env: string | undefined, name: string): boolean {
  if (value) return true;
  if (env === undefined || env === '' || env === '0' || env === 'false') return false;
  if (env === '1' || env === 'true') return true;
  throw new UsageError(`${name}: "${env}" is not 1, 0, true or false`);
}

function origin(name: string, value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new UsageError(`${name}: "${value}" is not a URL`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== value.replace(/\/$/, '')) {
    throw new UsageError(`${name}: "${value}" is not an origin such as https://portal.example.com`);
  }
  return parsed.origin;
}

/** The public origin: https, or plain http on a loopback name for local use (cookies need Secure elsewhere). */
function publicOrigin(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const parsed = new URL(origin('--public-origin', value));
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new UsageError(`--public-origin: "${value}" must use https (plain http only for localhost)`);
  }
  return parsed.origin;
}

/** An audience is an identifier the integrator's verifier compares exactly: printable, no spaces or commas. */
function audience(value: string): string {
  if (!/^[\x21-\x2b\x2d-\x7e]{1,200}$/.test(value)) {
    throw new UsageError(
      `--token-audience: "${printable(value)}" must be 1 to 200 printable characters without spaces or commas`,
    );
  }
  return value;
}

/** A token outlives the revocation of its session by up to its lifetime, so the lifetime is capped. */
function tokenTtl(value: string): number {
  const ms = duration('--token-ttl', value);
  if (ms < 1000 || ms > maxTokenTtlMs) throw new UsageError(`--token-ttl: "${value}" must be from 1s to 1h`);
  return ms;
}

/** A flag's whole number from `min` to `max`; anything else is a usage error naming the range. */
function wholeNumber(flag: string, value: string, min: number, max: number): number {
  if (!/^\d{1,16}$/.test(value) || Number(value) < min || Number(value) > max)
    throw new UsageError(`${flag}: "${printable(value)}" must be a whole number from ${min} to ${max}`);
  return Number(value);
}

/** Password hashes checked at once; unset, the hasher's own default. */
const hashConcurrency = (value: string | undefined): number | undefined =>
  value === undefined ? undefined : wholeNumber('--hash-concurrency', value, 1, 256);

/** A whole number of requests a minute per API key, from 1 to a million. */
const apiKeyRate = (value: string | undefined): number =>
  value === undefined ? defaultSettings.apiKeyRequestsPerMinute : wholeNumber('--api-key-rate', value, 1, 1_000_000);

const serveFlags = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  'seed-demo': { type: 'boolean' },
  'session-idle-timeout': { type: 'string' },
  'session-max-lifetime': { type: 'string' },
  'reauth-window': { type: 'string' },
  'allowed-origin': { type: 'string', multiple: true },
  'connect-origin': { type: 'string', multiple: true },
  'token-audience': { type: 'string', multiple: true },
  'token-ttl': { type: 'string' },
  'api-key-rate': { type: 'string' },
  'hash-concurrency': { type: 'string' },
  'webhooks-allow-private': { type: 'boolean' },
  'webhook-retry-schedule': { type: 'string' },
  static: { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'public-origin': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies FlagSpec;

/** Reads the command line and the environment; flags win over variables. */
export function parseCommandLine(argv: readonly string[], env: Env): CliConfig {
  const [first, ...rest] = argv;
  if (first === 'create-org') return parseCreateOrg(rest, env);
  if (first === 'migrate') return parseMigrate(rest, env);
  if (first === 'help') return { command: 'help' };
  // A word where a flag belongs is a command: one this version does not have, or mistyped.
  if (first !== undefined && !first.startsWith('-'))
    throw new UsageError(`unknown command "${printable(first)}"`, { showUsage: true });
  const values = parseFlags(argv, serveFlags, (message) => new UsageError(message)) as {
    [
      K in
        | 'port'
        | 'host'
        | 'db'
        | 'session-idle-timeout'
        | 'session-max-lifetime'
        | 'reauth-window'
        | 'static'
        | 'public-origin'
        | 'token-ttl'
        | 'api-key-rate'
        | 'hash-concurrency'
        | 'webhook-retry-schedule'
    ]?: string;
  } & {
    'allowed-origin'?: string[];
    'connect-origin'?: string[];
    'token-audience'?: string[];
    'seed-demo'?: boolean;
    'trust-proxy'?: boolean;
    'webhooks-allow-private'?: boolean;
    help?: boolean;
  };
  if (values.help) return { command: 'help' };
  const retry = values['webhook-retry-schedule'] ?? env.PORTCULLIS_WEBHOOK_RETRY_SCHEDULE;
  const portText = values.port ?? env.PORTCULLIS_PORT ?? '8787';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new UsageError(`--port: "${portText}" is not a port number from 0 to 65535`);
  }
  const origins =
    values['allowed-origin'] ?? (env.PORTCULLIS_ALLOWED_ORIGINS ?? '').split(',').filter((o) => o.trim() !== '');
  const idle = values['session-idle-timeout'] ?? env.PORTCULLIS_SESSION_IDLE_TIMEOUT;
  const max = values['session-max-lifetime'] ?? env.PORTCULLIS_SESSION_MAX_LIFETIME;
  const reauth = values['reauth-window'] ?? env.PORTCULLIS_REAUTH_WINDOW;
  const ttl = values['token-ttl'] ?? env.PORTCULLIS_TOKEN_TTL;
  const audiences =
    values['token-audience'] ?? (env.PORTCULLIS_TOKEN_AUDIENCE ?? '').split(',').filter((a) => a.trim() !== '');
  const settings = {
    sessionIdleTimeoutMs:
      idle === undefined ? defaultSettings.sessionIdleTimeoutMs : duration('--session-idle-timeout', idle),
    sessionMaxLifetimeMs:
      max === undefined ? defaultSettings.sessionMaxLifetimeMs : duration('--session-max-lifetime', max),
    reauthWindowMs: reauth === undefined ? defaultSettings.reauthWindowMs : duration('--reauth-window', reauth),
    allowedOrigins: origins.map((o) => origin('--allowed-origin', o.trim())),
    publicOrigin: publicOrigin(values['public-origin'] ?? env.PORTCULLIS_PUBLIC_ORIGIN),
    trustProxy: flag(values['trust-proxy'], env.PORTCULLIS_TRUST_PROXY, 'PORTCULLIS_TRUST_PROXY'),
    tokenAudience: audiences.map((a) => audience(a.trim())),
    tokenTtlMs: ttl === undefined ? defaultSettings.tokenTtlMs : tokenTtl(ttl),
    apiKeyRequestsPerMinute: apiKeyRate(values['api-key-rate'] ?? env.PORTCULLIS_API_KEY_RATE),
    webhooksAllowPrivate: flag(
      values['webhooks-allow-private'],
      env.PORTCULLIS_WEBHOOKS_ALLOW_PRIVATE,
      'PORTCULLIS_WEBHOOKS_ALLOW_PRIVATE',
    ),
    webhookRetryScheduleMs:
      retry === undefined
        ? defaultSettings.webhookRetryScheduleMs
        : retry.split(',').map((d) => duration('--webhook-retry-schedule', d.trim())),
  };
  if (settings.sessionMaxLifetimeMs < settings.sessionIdleTimeoutMs) {
    throw new UsageError('--session-max-lifetime must not be shorter than --session-idle-timeout');
  }
  const seedDemo = flag(values['seed-demo'], env.PORTCULLIS_SEED_DEMO, 'PORTCULLIS_SEED_DEMO');
  if (seedDemo) assertDemoPasswordFits(settings.publicOrigin, env);
  const host = values.host ?? env.PORTCULLIS_HOST ?? '127.0.0.1';
  if (settings.publicOrigin === null && !isLoopbackHost(host)) {
    throw new UsageError(`--host ${host} is reachable from other machines: set --public-origin to the URL people use`);
  }
  return {
    command: 'serve',
    port: Number(portText),
    host,
    db: database(values.db ?? env.PORTCULLIS_DB ?? defaultDatabase),
    seedDemo,
    staticDir: values.static ?? env.PORTCULLIS_STATIC,
    connectOrigins: (
      values['connect-origin'] ?? (env.PORTCULLIS_CONNECT_ORIGINS ?? '').split(',').filter((o) => o.trim() !== '')
    ).map((o) => origin('--connect-origin', o.trim())),
    trustProxy: settings.trustProxy,
    hashConcurrency: hashConcurrency(values['hash-concurrency'] ?? env.PORTCULLIS_HASH_CONCURRENCY),
    settings,
  };
}

function parseCreateOrg(argv: readonly string[], env: Env): CreateOrgConfig {
  const values = parseFlags(
    argv,
    { db: { type: 'string' }, name: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' } },
    (message) => new UsageError(message),
  ) as {
    [K in 'db' | 'name' | 'username' | 'password']?: string;
  };
  if (values.password !== undefined) {
    throw new UsageError('create-org: never pass a password as a flag; use PORTCULLIS_ROOT_PASSWORD or standard input');
  }
  if (!values.name) throw new UsageError('create-org: --name is required');
  if (!values.username) throw new UsageError('create-org: --username is required');
  return {
    command: 'create-org',
    db: database(values.db ?? env.PORTCULLIS_DB ?? defaultDatabase),
    name: values.name,
    username: values.username,
  };
}

function parseMigrate(argv: readonly string[], env: Env): MigrateConfig {
  const values = parseFlags(argv, { db: { type: 'string' } }, (message) => new UsageError(message)) as { db?: string };
  return { command: 'migrate', db: database(values.db ?? env.PORTCULLIS_DB ?? defaultDatabase) };
}
