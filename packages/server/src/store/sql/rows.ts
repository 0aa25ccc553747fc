import type {
  ApiKeyRecord,
  ChallengeRecord,
  EventDetail,
  OrganizationRecord,
  PasskeyRecord,
  SecurityEventRecord,
  SessionRecord,
  SigningKeyRecord,
  UserRecord,
  WebauthnChallengeRecord,
} from '../records.ts';
import type { Row } from './sql-database.ts';

/** Row → record, the same for SQLite and PostgreSQL (booleans are 0/1, times integer ms). */

const text = (value: unknown) => value as string;
const nullableText = (value: unknown) => (value as string | null | undefined) ?? null;
const int = (value: unknown) => Number(value);
const nullableInt = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const bool = (value: unknown) => Number(value) === 1;

/**
 * Where a record's fields are in a row: the columns' own names, or the aliases a join gave those
 * that another table of the join also has (`sessions-sql.ts`). Read in place, not by copying the
 * row under new names: that copy cost the hot path measurably (#21).
 */
const orgColumns = {
  id: 'id',
  name: 'name',
  enforceMfa: 'enforce_mfa',
  mfaDeadline: 'mfa_deadline',
  phishingResistant: 'phishing_resistant',
  policyUpdatedAt: 'policy_updated_at',
  createdAt: 'created_at',
} as const;
export type OrgColumns = { readonly [K in keyof typeof orgColumns]: string };

export const orgFrom = (r: Row, c: OrgColumns): OrganizationRecord => ({
  id: text(r[c.id]),
  name: text(r[c.name]),
  enforceMfa: bool(r[c.enforceMfa]),
  mfaDeadline: nullableInt(r[c.mfaDeadline]),
  phishingResistant: bool(r[c.phishingResistant]),
  policyUpdatedAt: int(r[c.policyUpdatedAt]),
  createdAt: int(r[c.createdAt]),
});

export const toOrg = (r: Row): OrganizationRecord => orgFrom(r, orgColumns);

export const toUser = (r: Row): UserRecord => ({
  id: text(r.id),
  orgId: text(r.org_id),
  username: text(r.username),
  role: r.role as UserRecord['role'],
  passwordHash: text(r.password_hash),
  passwordSingleFactorOk: bool(r.password_single_factor_ok),
  mfaEnabled: bool(r.mfa_enabled),
  totpSecretSealed: nullableText(r.totp_secret_sealed),
  totpLastStep: nullableInt(r.totp_last_step),
  passkeyCount: int(r.passkey_count ?? 0),
  createdAt: int(r.created_at),
  lastActiveAt: nullableInt(r.last_active_at),
});

/** The session columns that a join with users renames (see `orgColumns`). */
const sessionColumns = { id: 'id', createdAt: 'created_at', clientAddress: 'client_address' } as const;
export type SessionColumns = { readonly [K in keyof typeof sessionColumns]: string };

export const sessionFrom = (r: Row, c: SessionColumns): SessionRecord => ({
  tokenHash: text(r.token_hash),
  id: text(r[c.id]),
  userId: text(r.user_id),
  createdAt: int(r[c.createdAt]),
  lastSeenAt: int(r.last_seen_at),
  expiresAt: int(r.expires_at),
  reauthAt: int(r.reauth_at),
  reauthSecondFactor: bool(r.reauth_second_factor),
  mfaPassed: bool(r.mfa_passed),
  amr: text(r.amr ?? 'pwd').split(' '),
  userAgent: nullableText(r.user_agent),
  clientAddress: nullableText(r[c.clientAddress]),
});

export const toSession = (r: Row): SessionRecord => sessionFrom(r, sessionColumns);

export const toChallenge = (r: Row): ChallengeRecord => ({
  idHash: text(r.id_hash),
  userId: text(r.user_id),
  kind: r.kind as ChallengeRecord['kind'],
  pendingSecretSealed: nullableText(r.pending_secret_sealed),
  tokenType: r.token_type as ChallengeRecord['tokenType'],
  failures: int(r.failures),
  expiresAt: int(r.expires_at),
  sessionHash: nullableText(r.session_hash),
  webauthnChallenge: nullableText(r.webauthn_challenge),
});

export const toPasskey = (r: Row): PasskeyRecord => ({
  id: text(r.id),
  userId: text(r.user_id),
  credentialId: text(r.credential_id),
  publicKey: text(r.public_key),
  counter: int(r.counter),
  transports: text(r.transports) === '' ? [] : text(r.transports).split(','),
  name: text(r.name),
  createdAt: int(r.created_at),
  lastUsedAt: nullableInt(r.last_used_at),
});

export const toWebauthnChallenge = (r: Row): WebauthnChallengeRecord => ({
  idHash: text(r.id_hash),
  purpose: r.purpose as WebauthnChallengeRecord['purpose'],
  userId: nullableText(r.user_id),
  sessionHash: nullableText(r.session_hash),
  challenge: text(r.challenge),
  expiresAt: int(r.expires_at),
});

export const toEvent = (r: Row): SecurityEventRecord => ({
  id: int(r.id),
  orgId: text(r.org_id),
  type: r.type as SecurityEventRecord['type'],
  at: int(r.at),
  actorId: nullableText(r.actor_id),
  actorUsername: nullableText(r.actor_username),
  targetId: nullableText(r.target_id),
  targetUsername: nullableText(r.target_username),
  clientAddress: nullableText(r.client_address),
  reason: nullableText(r.reason),
  // Written by insertEvent from an EventDetail, never from a request.
  detail: r.detail ? (JSON.parse(text(r.detail)) as EventDetail) : null,
});

export const toSigningKey = (r: Row): SigningKeyRecord => ({
  kid: text(r.kid),
  publicJwk: text(r.public_jwk),
  privateSealed: text(r.private_sealed),
  createdAt: int(r.created_at),
  activeFrom: int(r.active_from),
  dropAfter: r.drop_after === null || r.drop_after === undefined ? null : int(r.drop_after),
});

export const toApiKey = (r: Row): ApiKeyRecord => ({
  id: text(r.id),
  orgId: text(r.org_id),
  name: text(r.name),
  keyHash: text(r.key_hash),
  createdAt: int(r.created_at),
  expiresAt: r.expires_at === null || r.expires_at === undefined ? null : int(r.expires_at),
  lastUsedAt: r.last_used_at === null || r.last_used_at === undefined ? null : int(r.last_used_at),
});
