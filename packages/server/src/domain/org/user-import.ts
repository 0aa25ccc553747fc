import {
  usernameSchema,
  type ImportRowError,
  type ImportUser,
  type ImportUsersResponse,
} from '@portcullis/sdk/contract';
import * as z from 'zod/mini';
import { isRefusal, parseImportedHash } from '../../crypto/imported-hash.ts';
import { newId } from '../../crypto/tokens.ts';
import type { Services } from '../../services.ts';
import type { NewSecurityEvent, OrganizationRecord, UserRecord } from '../../store/store.ts';
import { DomainError } from '../errors.ts';
import { securityEvent, type EventActor, type RequestMeta } from '../events.ts';
import { assertPasswordAccepted, meetsSingleFactorMinimum, normalizePassword } from '../password/password-policy.ts';
import { totpAssociatedData } from '../sealed-secrets.ts';
import { actorOf, requireRecentCaller, type OrgCaller } from './org-caller.ts';

/** A row that passed every check, with what it will be stored as. */
interface CheckedRow {
  index: number;
  username: string;
  secret: { kind: 'hash'; hash: string } | { kind: 'password'; password: string };
  totpSecret: string | null;
  mfaRequired: boolean;
}

type RowCheck = CheckedRow | ImportRowError;
const isRowError = (row: RowCheck): row is ImportRowError => 'code' in row;

/** RFC 4226 asks for at least 128 bits; ours are 160. Base32 without spaces or padding. */
function normalizeTotpSecret(text: string): string | null {
  const secret = text.replace(/[\s=]/g, '').toUpperCase();
  if (!/^[A-Z2-7]+$/.test(secret)) return null;
  const bits = secret.length * 5;
  return bits >= 128 && bits <= 512 ? secret : null;
}

async function checkRow(services: Services, row: ImportUser, index: number): Promise<RowCheck> {
  const username = z.safeParse(usernameSchema, row.username);
  if (!username.success) {
    return {
      index,
      code: 'invalid_username',
      detail: 'Use 3–64 characters: letters, digits, dot, underscore or hyphen.',
    };
  }
  if ((row.passwordHash === undefined) === (row.password === undefined)) {
    return { index, code: 'password_required', detail: 'Give passwordHash or password: one of them.' };
  }
  const totpSecret = row.totpSecret === undefined ? null : normalizeTotpSecret(row.totpSecret);
  if (row.totpSecret !== undefined && totpSecret === null) {
    return {
      index,
      code: 'invalid_totp_secret',
      detail: 'Use a base32 secret of 128 to 512 bits (26 to 103 characters).',
    };
  }
  const base = {
    index,
    username: username.data,
    totpSecret,
    mfaRequired: row.mfaRequired === true || totpSecret !== null,
  };
  if (row.passwordHash !== undefined) {
    if (!services.verifiesImportedHashes) {
      return { index, code: 'unsupported_hash', detail: 'This server was started without imported-hash support.' };
    }
    const parsed = parseImportedHash(row.passwordHash);
    if (isRefusal(parsed)) return { index, ...parsed };
    return { ...base, secret: { kind: 'hash', hash: row.passwordHash } };
  }
  try {
    await assertPasswordAccepted(services, 'password', row.password!, {
      username: username.data,
      authenticatorLinked: totpSecret !== null,
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'password_policy') {
      return { index, code: 'weak_password', detail: error.detail ?? 'The password does not meet the policy.' };
    }
    throw error;
  }
  return { ...base, secret: { kind: 'password', password: row.password! } };
}

/**
 * Imports users into the caller's organization with the passwords they already have (#19;
 * security rule 32, docs/architecture.md): every row is checked first and every bad row is
 * reported, with nothing written; then all of them are created in one transaction, each with a
 * `user_created` event (reason `imported`). An imported hash is kept as it is and replaced by our
 * Argon2id at the first successful sign-in (`crypto/imported-hash.ts`).
 */
export async function importUsers(
  services: Services,
  caller: OrgCaller,
  rows: readonly ImportUser[],
  meta: RequestMeta,
): Promise<ImportUsersResponse> {
  requireRecentCaller(services, caller);
  const { users } = await importIntoOrganization(services, caller.org, actorOf(caller), rows, meta);
  return { imported: users.length, users };
}

/**
 * The import itself, for the API and the operator's `import-users` alike. With `skipExisting`,
 * rows whose username is taken already are left out (a resumed file), not refused.
 */
export async function importIntoOrganization(
  services: Services,
  org: OrganizationRecord,
  actor: EventActor,
  rows: readonly ImportUser[],
  meta: RequestMeta,
  options: { skipExisting?: boolean } = {},
): Promise<{ users: Array<{ id: string; username: string }>; skipped: number }> {
  const checked = await Promise.all(rows.map((row, index) => checkRow(services, row, index)));
  const valid = checked.filter((row): row is CheckedRow => !isRowError(row));
  const taken = new Set(await services.store.takenUsernames(valid.map((row) => row.username)));
  const problems = checked.filter(isRowError);
  const seen = new Set<string>();
  const wanted: CheckedRow[] = [];
  for (const row of valid) {
    if (taken.has(row.username) && options.skipExisting) continue;
    if (taken.has(row.username) || seen.has(row.username)) {
      problems.push({ index: row.index, code: 'conflict', detail: `The username ${row.username} is taken.` });
    } else wanted.push(row);
    seen.add(row.username);
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.index - b.index);
    const onlyConflicts = problems.every((p) => p.code === 'conflict');
    throw new DomainError(onlyConflicts ? 'conflict' : 'invalid_request', {
      detail: `${problems.length} of ${rows.length} rows cannot be imported; nothing was imported.`,
      rows: problems,
    });
  }
  const now = services.clock.now();
  const box = await services.secretBox;
  const records = await Promise.all(
    wanted.map(async (row): Promise<UserRecord> => {
      const id = newId('usr', services.random);
      const password = row.secret.kind === 'password' ? normalizePassword(row.secret.password) : null;
      return {
        id,
        orgId: org.id,
        username: row.username,
        role: 'subuser',
        passwordHash: password === null ? (row.secret as { hash: string }).hash : await services.hasher.hash(password),
        // An imported hash hides the password's length: noted at its first sign-in.
        passwordSingleFactorOk: password !== null && meetsSingleFactorMinimum(password),
        mfaEnabled: row.mfaRequired,
        totpSecretSealed: row.totpSecret === null ? null : await box.seal(row.totpSecret, totpAssociatedData(id)),
        totpLastStep: null,
        passkeyCount: 0,
        createdAt: now,
        lastActiveAt: null,
      };
    }),
  );
  const events: NewSecurityEvent[] = records.map((user) => ({
    ...securityEvent('user_created', now, meta, actor, user),
    reason: 'imported',
  }));
  if ((await services.store.importUsers(records, events)) === 'conflict') {
    throw new DomainError('conflict', { detail: 'A username was taken meanwhile; nothing was imported. Try again.' });
  }
  return {
    users: records.map((user) => ({ id: user.id, username: user.username })),
    skipped: valid.length - wanted.length,
  };
}
