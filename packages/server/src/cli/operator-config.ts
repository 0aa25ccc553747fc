import { database, defaultDatabase, type DatabaseTarget } from './database-target.ts';
import { parseDuration } from './duration.ts';
import { parseFlags, parseFlagsAndWords } from './parse-flags.ts';

/**
 * A support-desk command the operator got wrong, or a user or organization that does not exist:
 * one line on standard error, exit code 1.
 */
export class OperatorError extends Error {
  override name = 'OperatorError';
}

export type OperatorConfig =
  | { command: 'reset-mfa'; db: DatabaseTarget; username: string; reason: string }
  | { command: 'revoke-sessions'; db: DatabaseTarget; username: string; reason: string }
  | { command: 'unlock'; db: DatabaseTarget; username: string; reason: string | null }
  | { command: 'users'; db: DatabaseTarget; org: string | null; json: boolean }
  | { command: 'webhooks'; db: DatabaseTarget; org: string; json: boolean }
  | { command: 'events'; db: DatabaseTarget; org: string | null; sinceMs: number; json: boolean }
  | { command: 'rotate-key'; db: DatabaseTarget }
  | { command: 'rotate-signing-key'; db: DatabaseTarget }
  | { command: 'backup'; db: DatabaseTarget; to: string }
  | { command: 'create-api-key'; db: DatabaseTarget; org: string; name: string; expiresInMs: number | null }
  | { command: 'import-users'; db: DatabaseTarget; org: string; file: string; skipExisting: boolean };

export const operatorCommands = [
  'reset-mfa',
  'revoke-sessions',
  'unlock',
  'users',
  'webhooks',
  'events',
  'rotate-key',
  'rotate-signing-key',
  'backup',
  'create-api-key',
  'import-users',
] as const;
export type OperatorCommand = (typeof operatorCommands)[number];

export const isOperatorCommand = (word: string | undefined): word is OperatorCommand =>
  operatorCommands.includes(word as OperatorCommand);

export const operatorUsage = `Support desk (each is written to the audit log with the operator as actor; exit code 1 on a bad value or unknown user):
  portcullis-server reset-mfa --username U --reason TEXT
                                            unlink U's authenticator and recovery codes and end U's sessions;
                                            the next sign-in sets up a new device
  portcullis-server revoke-sessions --username U --reason TEXT
                                            end every session of U
  portcullis-server unlock --username U [--reason TEXT]
                                            clear U's sign-in and code throttles
  portcullis-server users [--org NAME] [--json]
                                            username, organization, role, MFA state, last activity
  portcullis-server webhooks --org ID|NAME [--json]
                                            the organization's webhook endpoints: URL, events, health, the
                                            last try and how many deliveries wait (never a secret)
  portcullis-server events [--org NAME] [--since DURATION] [--json]
                                            the audit log (default the last 7d), JSON lines with --json
  portcullis-server rotate-key              re-seal every stored secret with PORTCULLIS_NEW_SECRET_KEY, in one transaction;
                                            stop every server on the database first (refused while one holds it)
  portcullis-server rotate-signing-key      a new token signing key, signing in 3 minutes; the previous one stays
                                            published until every token it signed has expired
  portcullis-server backup --to FILE        an online, consistent copy of a SQLite database (PostgreSQL: pg_dump)
  portcullis-server create-api-key --org ID|NAME --name NAME [--expires-in DURATION]
                                            an API key for the organization's admin API, printed once on
                                            standard output (only its hash is stored)
  portcullis-server import-users --org ID|NAME FILE.jsonl [--skip-existing]
                                            users with their password hashes, one JSON object a line, in
                                            batches of 1,000 (each all or nothing); --skip-existing resumes
  All take --db PATH|URL (PORTCULLIS_DB).`;

type Env = Readonly<Record<string, string | undefined>>;

const optionsOf = {
  'reset-mfa': { username: { type: 'string' }, reason: { type: 'string' } },
  'revoke-sessions': { username: { type: 'string' }, reason: { type: 'string' } },
  unlock: { username: { type: 'string' }, reason: { type: 'string' } },
  users: { org: { type: 'string' }, json: { type: 'boolean' } },
  webhooks: { org: { type: 'string' }, json: { type: 'boolean' } },
  events: { org: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } },
  'rotate-key': {},
  'rotate-signing-key': {},
  backup: { to: { type: 'string' } },
  'create-api-key': { org: { type: 'string' }, name: { type: 'string' }, 'expires-in': { type: 'string' } },
  'import-users': { org: { type: 'string' }, 'skip-existing': { type: 'boolean' } },
} as const;

function required(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new OperatorError(`${command}: --${name} is required`);
  return value.trim();
}

/** A reason is a short line of text for the log: the support ticket, say. */
function reasonOf(command: string, value: string | undefined, optional: boolean): string | null {
  if (value === undefined && optional) return null;
  const reason = required(command, 'reason', value);
  // One line: no control characters, which could forge log lines or move a terminal's cursor.
  if (reason.length > 500 || [...reason].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    throw new OperatorError(`${command}: --reason must be one line of at most 500 characters`);
  return reason;
}

/** Reads a support-desk command's flags. */
export function parseOperatorCommand(command: OperatorCommand, argv: readonly string[], env: Env): OperatorConfig {
  const fail = (message: string) => new OperatorError(`${command}: ${message}`);
  const flags = { db: { type: 'string' }, ...optionsOf[command] } as const;
  // Only import-users takes a word (its file); every other command takes flags alone.
  const { values, positionals } =
    command === 'import-users'
      ? parseFlagsAndWords(argv, flags, fail)
      : { values: parseFlags(argv, flags, fail), positionals: [] as string[] };
  const text = (name: string) => values[name] as string | undefined;
  let db: DatabaseTarget;
  try {
    db = database(text('db') ?? env.PORTCULLIS_DB ?? defaultDatabase);
  } catch (error) {
    throw new OperatorError(`${command}: ${(error as Error).message}`);
  }
  switch (command) {
    case 'reset-mfa':
    case 'revoke-sessions':
      return {
        command,
        db,
        username: required(command, 'username', text('username')),
        reason: reasonOf(command, text('reason'), false) as string,
      };
    case 'unlock':
      return {
        command,
        db,
        username: required(command, 'username', text('username')),
        reason: reasonOf(command, text('reason'), true),
      };
    case 'users':
      return { command, db, org: text('org') ?? null, json: values.json === true };
    case 'webhooks':
      return { command, db, org: required(command, 'org', text('org')), json: values.json === true };
    case 'events': {
      const since = text('since') ?? '7d';
      const sinceMs = parseDuration(since);
      if (sinceMs === null)
        throw new OperatorError(`events: --since "${since}" is not a duration such as 7d, 12h or 30m`);
      return { command, db, org: text('org') ?? null, sinceMs, json: values.json === true };
    }
    case 'rotate-key':
    case 'rotate-signing-key':
      return { command, db };
    case 'backup':
      return { command, db, to: required(command, 'to', text('to')) };
    case 'create-api-key': {
      const name = required(command, 'name', text('name'));
      if (name.length > 64 || [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
        throw new OperatorError(`${command}: --name must be one line of at most 64 characters`);
      const expires = text('expires-in');
      const expiresInMs = expires === undefined ? null : parseDuration(expires);
      if (expires !== undefined && expiresInMs === null)
        throw new OperatorError(`${command}: --expires-in "${expires}" is not a duration such as 90d or 12h`);
      return { command, db, org: required(command, 'org', text('org')), name, expiresInMs };
    }
    case 'import-users': {
      const file = positionals[0];
      if (file === undefined || positionals.length > 1)
        throw new OperatorError(`${command}: name one file of JSON lines (import-users --org ID FILE.jsonl)`);
      return {
        command,
        db,
        org: required(command, 'org', text('org')),
        file,
        skipExisting: values['skip-existing'] === true,
      };
    }
  }
}
