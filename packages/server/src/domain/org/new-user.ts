import { newId } from '../../crypto/tokens.ts';
import type { PasswordHasher } from '../../crypto/password-hasher.ts';
import type { RandomSource } from '../../ports.ts';
import type { UserRecord } from '../../store/store.ts';
import { normalizePassword } from '../password/password-policy.ts';

/**
 * A new account as it starts: nothing linked, MFA off, never active. Its password (checked
 * against the policy by the caller) stands alone, so it met the single-factor minimum.
 */
export async function newUserRecord(
  { hasher, random }: { hasher: PasswordHasher; random: RandomSource },
  account: { orgId: string; username: string; password: string; role: UserRecord['role']; now: number },
): Promise<UserRecord> {
  return {
    id: newId('usr', random),
    orgId: account.orgId,
    username: account.username,
    role: account.role,
    passwordHash: await hasher.hash(normalizePassword(account.password)),
    passwordSingleFactorOk: true,
    mfaEnabled: false,
    totpSecretSealed: null,
    totpLastStep: null,
    passkeyCount: 0,
    createdAt: account.now,
    lastActiveAt: null,
  };
}
