import type { MfaGroup, OrgMfaSummary, OrgUser, OrgUsersPage } from '@portcullis/sdk/contract';
import { fromBase64Url, toBase64Url } from '../../crypto/encoding.ts';
import { DomainError } from '../errors.ts';
import { newUserRecord } from './new-user.ts';
import type { Services } from '../../services.ts';
import type { OrganizationRecord, UserRecord } from '../../store/store.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { mfaSummary } from '../mfa/mfa-state.ts';
import { assertPasswordAccepted } from '../password/password-policy.ts';
import { actorOf, requireRecentCaller, type OrgCaller } from './org-caller.ts';

export const defaultPageSize = 50;

export function orgUser(services: Services, user: UserRecord, org: OrganizationRecord): OrgUser {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    mfa: { ...mfaSummary(user, org), passkeys: user.passkeyCount, authenticatorApp: user.totpSecretSealed !== null },
    passwordUpgraded: !services.hasher.needsRehash(user.passwordHash),
    lastActiveAt: user.lastActiveAt === null ? null : new Date(user.lastActiveAt).toISOString(),
    createdAt: new Date(user.createdAt).toISOString(),
  };
}

/** Cursors are opaque to callers: the last username of the page, base64url-encoded. */
const encodeCursor = (username: string) => toBase64Url(new TextEncoder().encode(username));
function decodeCursor(cursor: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(cursor));
  } catch {
    throw new DomainError('invalid_request', { errors: [{ path: 'cursor', message: 'Not a cursor from this API.' }] });
  }
}

/** Every user of the caller's organization (root included, marked by `role`), by username. */
export async function listOrgUsers(
  services: Services,
  org: OrganizationRecord,
  query: {
    cursor?: string | undefined;
    limit?: number | undefined;
    q?: string | undefined;
    mfa?: MfaGroup | undefined;
  },
): Promise<OrgUsersPage> {
  const limit = query.limit ?? defaultPageSize;
  if (limit < 1 || limit > 100) {
    throw new DomainError('invalid_request', { errors: [{ path: 'limit', message: 'Use a limit from 1 to 100.' }] });
  }
  const contains = query.q?.normalize('NFKC').trim().toLowerCase() || null;
  const rows = await services.store.listUsers(org.id, {
    afterUsername: query.cursor ? decodeCursor(query.cursor) : null,
    limit: limit + 1,
    contains,
    mfa: query.mfa ?? null,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((user) => orgUser(services, user, org)),
    nextCursor: rows.length > limit && last ? encodeCursor(last.username) : null,
  };
}

export async function createSubuser(
  services: Services,
  caller: OrgCaller,
  input: { username: string; password: string },
  meta: RequestMeta,
): Promise<OrgUser> {
  // A sensitive change like deleting one: from a stolen root cookie alone, no account survives
  // the root's next password change (security rule 22, docs/architecture.md).
  requireRecentCaller(services, caller);
  const { org } = caller;
  // A new subuser has nothing linked, so the password must be able to stand alone.
  await assertPasswordAccepted(services, 'password', input.password, {
    username: input.username,
    authenticatorLinked: false,
  });
  const now = services.clock.now();
  const user = await newUserRecord(services, {
    orgId: org.id,
    username: input.username,
    password: input.password,
    role: 'subuser',
    now,
  });
  const result = await services.store.createUser(user, securityEvent('user_created', now, meta, actorOf(caller), user));
  if (result === 'conflict') {
    throw new DomainError('conflict', { errors: [{ path: 'username', message: 'This username is taken.' }] });
  }
  return orgUser(services, user, org);
}

/**
 * A subuser of the caller's own organization; anyone else is `not_found`, so a root user cannot
 * learn which ids exist elsewhere (security rule 20, docs/architecture.md). The root user is not a target of these actions.
 */
export async function ownSubuser(services: Services, caller: OrgCaller, id: string): Promise<UserRecord> {
  const target = await services.store.getUser(id);
  if (!target || target.orgId !== caller.org.id) throw new DomainError('not_found');
  if (target.role === 'root') {
    throw new DomainError('conflict', { detail: 'The root user manages its own account from its profile.' });
  }
  return target;
}

/** Deletes a subuser; its sessions end with it. */
export async function deleteSubuser(
  services: Services,
  caller: OrgCaller,
  id: string,
  meta: RequestMeta,
): Promise<void> {
  requireRecentCaller(services, caller);
  const target = await ownSubuser(services, caller, id);
  const event = securityEvent('user_deleted', services.clock.now(), meta, actorOf(caller), target);
  if (!(await services.store.deleteUser(target.id, event))) throw new DomainError('not_found');
}

/**
 * Resets a subuser's MFA (security rule 21, docs/architecture.md): never shows or sets a secret, clears the replay
 * state, ends the subuser's sessions so the new device is linked at the very next login.
 */
export async function resetSubuserMfa(
  services: Services,
  caller: OrgCaller,
  id: string,
  meta: RequestMeta,
): Promise<OrgUser> {
  requireRecentCaller(services, caller);
  const target = await ownSubuser(services, caller, id);
  const event = securityEvent('mfa_reset_by_root', services.clock.now(), meta, actorOf(caller), target);
  await services.store.unlinkMfa(target.id, { disable: false, endSessions: true, passkeys: true }, event);
  const updated = await services.store.getUser(target.id);
  if (!updated) throw new DomainError('not_found');
  return orgUser(services, updated, caller.org);
}

/** The compliance view (#30): how many members have a passkey, the app only, or no second factor. */
export async function orgMfaSummary(services: Services, org: OrganizationRecord): Promise<OrgMfaSummary> {
  return services.store.countMfa(org.id);
}
