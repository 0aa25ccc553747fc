import assert from 'node:assert/strict';
import type {
  ChallengeRecord,
  NewSecurityEvent,
  OrganizationRecord,
  PasskeyRecord,
  SessionRecord,
  SignInBasis,
  Store,
  UserRecord,
} from '../../src/store/store.ts';

export const t0 = Date.UTC(2026, 0, 1);
export const org = (id = 'org_a'): OrganizationRecord => ({
  id,
  name: 'A',
  enforceMfa: false,
  mfaDeadline: null,
  phishingResistant: false,
  policyUpdatedAt: t0,
  createdAt: t0,
});
/** An organization policy, as a root sets it. */
export const policy = (enforceMfa: boolean, mfaDeadline: number | null = null, phishingResistant = false) => ({
  enforceMfa,
  mfaDeadline,
  phishingResistant,
});
export const user = (
  id: string,
  username: string,
  orgId = 'org_a',
  role: UserRecord['role'] = 'subuser',
): UserRecord => ({
  id,
  orgId,
  username,
  role,
  passwordHash: 'h',
  passwordSingleFactorOk: true,
  mfaEnabled: false,
  totpSecretSealed: null,
  totpLastStep: null,
  passkeyCount: 0,
  createdAt: t0,
  lastActiveAt: null,
});
export const event = (type: NewSecurityEvent['type'], orgId = 'org_a'): NewSecurityEvent => ({
  orgId,
  type,
  at: t0,
  actorId: null,
  actorUsername: null,
  targetId: null,
  targetUsername: null,
  clientAddress: null,
  reason: null,
});
export const session = (tokenHash: string, userId: string, mfaPassed = false): SessionRecord => ({
  tokenHash,
  id: `ses_${tokenHash}`,
  userId,
  createdAt: t0,
  lastSeenAt: t0,
  expiresAt: t0 + 1000,
  reauthAt: t0,
  reauthSecondFactor: mfaPassed,
  mfaPassed,
  amr: mfaPassed ? ['pwd', 'otp', 'mfa'] : ['pwd'],
  userAgent: 'Mozilla/5.0 (test)',
  clientAddress: '192.0.2.1',
});
export const challenge = (
  idHash: string,
  userId: string,
  kind: ChallengeRecord['kind'],
  extra: Partial<ChallengeRecord> = {},
): ChallengeRecord => ({
  idHash,
  userId,
  kind,
  pendingSecretSealed: kind === 'enroll' ? 's' : null,
  tokenType: 'cookie',
  failures: 0,
  expiresAt: t0 + 1,
  sessionHash: null,
  webauthnChallenge: null,
  ...extra,
});
export const passkey = (id: string, credentialId: string, userId = 'usr_a'): PasskeyRecord => ({
  id,
  userId,
  credentialId,
  publicKey: 'pk',
  counter: 0,
  transports: ['internal'],
  name: id,
  createdAt: t0,
  lastUsedAt: null,
});
/** A sign-in's basis that only asks for the user to exist: for tests that make sessions directly. */
export const anyUser: SignInBasis = { passwordHash: null, singleFactor: false, at: t0 };
export const link = (secretSealed: string, step: number, recoveryCodeHashes: string[]) => ({
  userId: 'usr_a',
  secretSealed,
  step,
  recoveryCodeHashes,
});

/** Registers one test of the suite (skipped where the adapter cannot run here). */
export type SuiteTest = (title: string, fn: () => Promise<void>) => void;

/** A store with organization `org_a`, its root `usr_root` and the subuser `usr_a` (alice). */
export async function seed(open: () => Store | Promise<Store>): Promise<Store> {
  const store = await open();
  assert.equal(await store.isEmpty(), true);
  assert.equal(await store.createOrganization(org(), user('usr_root', 'root', 'org_a', 'root')), 'created');
  assert.equal(await store.createUser(user('usr_a', 'alice'), event('user_created')), 'created');
  return store;
}
