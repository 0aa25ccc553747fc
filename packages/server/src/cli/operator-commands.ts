import { closeSync, existsSync, openSync } from 'node:fs';
import * as z from 'zod/mini';
import { loginUsernameSchema } from '@portcullis/sdk/contract';
import Database from 'better-sqlite3';
import { createKeyedHash } from '../crypto/keyed-hash.ts';
import { createSecretBox } from '../crypto/secret-box.ts';
import { cryptoRandom, type Logger } from '../deps.ts';
import { operatorEvent } from '../domain/events.ts';
import { mfaSummary } from '../domain/mfa/mfa-state.ts';
import { throttleKey } from '../domain/throttle.ts';
import { createSigningKeys } from '../domain/tokens/signing-keys.ts';
import type { OrganizationRecord, Store, UserRecord } from '../store/store.ts';
import { openStore, secretKeyFor } from './open-store.ts';
import { OperatorError, type OperatorConfig } from './operator-config.ts';
import { operatorName } from './operator-name.ts';
import { jsonLine, printable } from './printable.ts';
import { rotateKey } from './rotate-key.ts';
import { keyRef } from '../domain/org/org-caller.ts';
import { newApiKey } from '../domain/api-keys/api-keys.ts';
import { importUsersFromFile } from './import-users.ts';

type Env = Readonly<Record<string, string | undefined>>;

async function findUser(store: Store, typed: string): Promise<{ user: UserRecord; org: OrganizationRecord }> {
  const username = z.parse(loginUsernameSchema, typed);
  const user = await store.findUserByUsername(username);
  const org = user && (await store.getOrganization(user.orgId));
  if (!user || !org) throw new OperatorError(`no user named "${username}"`);
  return { user, org };
}

/** An organization by its id, or by its name where exactly one has it. */
async function organizationByIdOrName(store: Store, typed: string): Promise<OrganizationRecord> {
  const byId = await store.getOrganization(typed);
  if (byId) return byId;
  const named = (await store.listOrganizations()).filter((org) => org.name === typed);
  if (named.length === 1) return named[0]!;
  throw new OperatorError(
    named.length === 0
      ? `no organization "${typed}"`
      : `${named.length} organizations are named "${typed}": use the id`,
  );
}

async function organizations(store: Store, name: string | null): Promise<OrganizationRecord[]> {
  const all = await store.listOrganizations();
  if (name === null) return all;
  const matching = all.filter((org) => org.name === name);
  if (matching.length === 0) throw new OperatorError(`no organization named "${name}"`);
  return matching;
}

const mfaText = (user: UserRecord, org: OrganizationRecord) => {
  const mfa = mfaSummary(user, org);
  if (!mfa.required) return 'off';
  return `${mfa.enforced && !mfa.enabled ? 'enforced' : 'on'}${mfa.configured ? '' : ', not set up'}`;
};
const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString());

/** Runs one support-desk command; prints what it did. */
export async function runOperatorCommand(
  config: OperatorConfig,
  env: Env,
  logger: Logger,
  now: () => number = Date.now,
): Promise<void> {
  // A mistyped path must not answer from a new, empty database (or leave one, and a key, behind).
  if (config.db.kind === 'sqlite' && !existsSync(config.db.path))
    throw new OperatorError(`${config.command}: no database at ${config.db.path}`);
  if (config.command === 'backup') return backup(config);
  // The actor of the audited commands is checked before anything changes.
  const operator = ['reset-mfa', 'revoke-sessions', 'unlock', 'create-api-key', 'import-users'].includes(config.command)
    ? operatorName(env)
    : '';
  // Keys first: a missing or bad one is found before any database is touched.
  const secretKey = ['unlock', 'rotate-key', 'rotate-signing-key', 'import-users'].includes(config.command)
    ? secretKeyFor(config.db, env, logger)
    : null;
  const store = await openStore(config.db, logger, { waitForever: false });
  try {
    switch (config.command) {
      case 'reset-mfa': {
        const { user, org } = await findUser(store, config.username);
        await store.unlinkMfa(
          user.id,
          { disable: false, endSessions: true, passkeys: true },
          operatorEvent('mfa_reset_by_operator', now(), operator, user, config.reason),
        );
        console.log(
          `Reset MFA of ${user.username} (${org.name}): the authenticator app, passkeys and recovery codes are unlinked and every session ended. The next sign-in sets up a new device.`,
        );
        return;
      }
      case 'revoke-sessions': {
        const { user, org } = await findUser(store, config.username);
        const ended = await store.endUserSessions(
          user.id,
          null,
          operatorEvent('sessions_revoked_by_operator', now(), operator, user, config.reason),
        );
        console.log(`Ended ${ended} session${ended === 1 ? '' : 's'} of ${user.username} (${org.name}).`);
        return;
      }
      case 'unlock': {
        const { user, org } = await findUser(store, config.username);
        const keyed = createKeyedHash(secretKey!);
        await store.clearAttempts(throttleKey(keyed, { kind: 'username', username: user.username }));
        await store.clearAttempts(throttleKey(keyed, { kind: 'account-code', userId: user.id }));
        await store.appendEvent(operatorEvent('account_unlocked', now(), operator, user, config.reason));
        console.log(`Unlocked ${user.username} (${org.name}): sign-in and code attempts start afresh.`);
        return;
      }
      case 'users':
        return await listUsers(store, config.org, config.json);
      case 'webhooks':
        return await listWebhookHealth(store, await organizationByIdOrName(store, config.org), config.json);
      case 'events':
        return await listEvents(store, config.org, now() - config.sinceMs, config.json);
      case 'rotate-key':
        return await rotateKey(store, secretKey!, config.db, env);
      case 'create-api-key': {
        const org = await organizationByIdOrName(store, config.org);
        const at = now();
        const { key, record } = newApiKey(cryptoRandom, {
          orgId: org.id,
          name: config.name,
          now: at,
          expiresAt: config.expiresInMs === null ? null : at + config.expiresInMs,
        });
        await store.createApiKey(record, operatorEvent('api_key_created', at, operator, keyRef(record), null));
        // The key alone on standard output, so a script can capture it; shown this once.
        console.error(
          `Created API key ${record.id} "${printable(config.name)}" for ${printable(org.name)}${record.expiresAt === null ? '' : `, valid until ${when(record.expiresAt)}`}. It is shown once: store it in your secret manager now.`,
        );
        console.log(key);
        return;
      }
      case 'import-users': {
        const org = await organizationByIdOrName(store, config.org);
        return await importUsersFromFile(store, secretKey!, org, operator, config.file, {
          skipExisting: config.skipExisting,
          now,
        });
      }
      case 'rotate-signing-key': {
        const rotated = await createSigningKeys({
          store,
          secretBox: createSecretBox(secretKey!),
          clock: { now },
          random: cryptoRandom,
        }).rotate();
        console.log(
          `Added signing key ${rotated.kid}: published now, signing from ${when(rotated.activeFrom)}; the previous key stays published until ${when(rotated.previousDropAfter)}, when every token it signed has expired.`,
        );
        return;
      }
    }
  } finally {
    await store.close();
  }
}

/** Rows under a header, each column as wide as its widest cell. */
function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
}

/** The support desk's view of an organization's webhooks (#20): health and backlog, never a secret. */
async function listWebhookHealth(store: Store, org: OrganizationRecord, json: boolean): Promise<void> {
  const rows: string[][] = [];
  for (const hook of await store.listWebhooks(org.id)) {
    const recent = await store.listDeliveries(hook.id, 50);
    const waiting = recent.filter((d) => d.delivery.status === 'pending').length;
    const lastTry = recent.flatMap((d) => d.attempts).sort((a, b) => b.at - a.at)[0] ?? null;
    const health = !hook.enabled ? (hook.failingSince === null ? 'off' : 'failing') : 'on';
    const last = lastTry === null ? 'never' : `${when(lastTry.at)} ${lastTry.status ?? lastTry.error ?? ''}`;
    if (json)
      console.log(
        jsonLine({
          id: hook.id,
          url: hook.url,
          events: hook.events,
          health,
          failingSince: hook.failingSince === null ? null : when(hook.failingSince),
          waiting,
          lastTry: lastTry && { at: when(lastTry.at), status: lastTry.status, error: lastTry.error },
        }),
      );
    else
      rows.push([
        hook.id,
        printable(hook.url),
        hook.events.length === 0 ? 'all' : hook.events.join(','),
        health,
        String(waiting),
        printable(last.trim()),
      ]);
  }
  if (json) return;
  if (rows.length === 0) return void console.log(`${printable(org.name)} has no webhook endpoints.`);
  const header = ['ID', 'URL', 'EVENTS', 'HEALTH', 'WAITING', 'LAST TRY'];
  printTable(header, rows);
}

async function listUsers(store: Store, orgName: string | null, json: boolean): Promise<void> {
  const rows: string[][] = [];
  for (const org of await organizations(store, orgName)) {
    let after: string | null = null;
    for (;;) {
      const page = await store.listUsers(org.id, { afterUsername: after, limit: 500, contains: null });
      for (const user of page) {
        if (json) {
          const mfa = mfaSummary(user, org);
          console.log(
            jsonLine({
              username: user.username,
              organization: org.name,
              role: user.role,
              mfa,
              lastActiveAt: user.lastActiveAt === null ? null : when(user.lastActiveAt),
            }),
          );
        } else
          rows.push([
            printable(user.username),
            printable(org.name),
            user.role,
            mfaText(user, org),
            when(user.lastActiveAt),
          ]);
      }
      if (page.length < 500) break;
      after = page.at(-1)!.username;
    }
  }
  if (json) return;
  const header = ['USERNAME', 'ORGANIZATION', 'ROLE', 'MFA', 'LAST ACTIVE'];
  printTable(header, rows);
}

async function listEvents(store: Store, orgName: string | null, since: number, json: boolean): Promise<void> {
  const orgIds = orgName === null ? [null] : (await organizations(store, orgName)).map((org) => org.id);
  const names = new Map((await store.listOrganizations()).map((org) => [org.id, org.name]));
  for (const orgId of orgIds) {
    for (const event of await store.listEventsSince(orgId, since, 100_000)) {
      const organization = names.get(event.orgId) ?? event.orgId;
      if (json) {
        console.log(
          jsonLine({
            at: when(event.at),
            organization,
            type: event.type,
            actor: event.actorUsername,
            target: event.targetUsername,
            clientAddress: event.clientAddress,
            reason: event.reason,
          }),
        );
      } else {
        const parts = [
          when(event.at),
          organization,
          event.type,
          `${event.actorUsername ?? '-'} → ${event.targetUsername ?? '-'}`,
          event.clientAddress ?? '',
        ];
        console.log(printable(`${parts.join('  ').trimEnd()}${event.reason ? `  (${event.reason})` : ''}`));
      }
    }
  }
}

/**
 * SQLite's online backup: a consistent copy while servers keep writing, into a new file readable
 * by its owner only. PostgreSQL has its own tool for that.
 */
async function backup(config: Extract<OperatorConfig, { command: 'backup' }>): Promise<void> {
  if (config.db.kind === 'postgres') {
    throw new OperatorError(
      'backup: for PostgreSQL use pg_dump (for example: pg_dump --format=custom --file=portcullis.dump "$PORTCULLIS_DB")',
    );
  }
  try {
    closeSync(openSync(config.to, 'wx', 0o600));
  } catch {
    throw new OperatorError(`backup: ${config.to} exists or cannot be created; give a new file`);
  }
  const source = new Database(config.db.path, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await source.backup(config.to);
    console.log(
      `Backed up ${config.db.path} to ${config.to} (${totalPages} pages), consistent as of now. Keep the key (PORTCULLIS_SECRET_KEY or ${config.db.path}.key) apart from it.`,
    );
  } finally {
    source.close();
  }
}
