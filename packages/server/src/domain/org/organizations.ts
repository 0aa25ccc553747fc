import * as z from 'zod/mini';
import { usernameSchema } from '@portcullis/sdk/contract';
import { newId } from '../../crypto/tokens.ts';
import type { AppDeps } from '../../deps.ts';
import { DomainError } from '../errors.ts';
import { newUserRecord } from './new-user.ts';
import { createServices } from '../../services.ts';
import type { OrganizationRecord, UserRecord } from '../../store/store.ts';
import { noRequest, securityEvent } from '../events.ts';
import { assertPasswordAccepted } from '../password/password-policy.ts';

export interface NewAccount {
  username: string;
  password: string;
}

/**
 * Creates an organization with its root user, and optionally subusers, for a deployment or the
 * demo. Every name and password passes the same rules as over HTTP before anything is written.
 */
export async function createOrganization(
  deps: AppDeps,
  input: { name: string; root: NewAccount; subusers?: NewAccount[] },
): Promise<{ org: OrganizationRecord; users: UserRecord[] }> {
  const services = createServices(deps);
  const { clock, random, store } = services;
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100)
    throw new DomainError('invalid_request', { detail: 'Use an organization name of 1–100 characters.' });
  const accounts = [input.root, ...(input.subusers ?? [])].map((account) => {
    const parsed = z.safeParse(usernameSchema, account.username);
    if (!parsed.success)
      throw new DomainError('invalid_request', { detail: `Not a valid username: ${account.username}` });
    return { username: parsed.data, password: account.password };
  });
  for (const account of accounts) {
    await assertPasswordAccepted(services, 'password', account.password, {
      username: account.username,
      authenticatorLinked: false,
    });
  }
  const now = clock.now();
  const org: OrganizationRecord = {
    id: newId('org', random),
    name,
    enforceMfa: false,
    mfaDeadline: null,
    phishingResistant: false,
    policyUpdatedAt: now,
    createdAt: now,
  };
  const users: UserRecord[] = [];
  for (const [index, account] of accounts.entries()) {
    users.push(
      await newUserRecord(services, {
        orgId: org.id,
        username: account.username,
        password: account.password,
        role: index === 0 ? 'root' : 'subuser',
        now,
      }),
    );
  }
  const [root, ...subusers] = users as [UserRecord, ...UserRecord[]];
  if ((await store.createOrganization(org, root)) === 'conflict') {
    throw new DomainError('conflict', { detail: `The username ${root.username} is taken.` });
  }
  for (const user of subusers) {
    if ((await store.createUser(user, securityEvent('user_created', now, noRequest, root, user))) === 'conflict') {
      throw new DomainError('conflict', { detail: `The username ${user.username} is taken.` });
    }
  }
  return { org, users };
}
