import type { SecurityEventType } from '@portcullis/sdk/contract';

/** Times are milliseconds since the epoch everywhere in storage. */
export interface OrganizationRecord {
  id: string;
  name: string;
  enforceMfa: boolean;
  /**
   * From when enforcement binds members who have no second factor yet (#30); null: at once. Kept
   * as set once it has passed.
   */
  mfaDeadline: number | null;
  /** Only a passkey counts as the second factor once enforcement binds (#30). */
  phishingResistant: boolean;
  policyUpdatedAt: number;
  createdAt: number;
}

/** The organization's MFA policy as a root sets it, and as `org_policy_changed` records it. */
export type OrgPolicyValues = Pick<OrganizationRecord, 'enforceMfa' | 'mfaDeadline' | 'phishingResistant'>;

/** What an event says beyond who did what to whom: the policy before and after a change. */
export interface EventDetail {
  policy: { old: OrgPolicyValues; new: OrgPolicyValues };
}

export interface UserRecord {
  id: string;
  orgId: string;
  username: string;
  role: 'root' | 'subuser';
  passwordHash: string;
  /**
   * Whether the password meets the single-factor minimum (15), noted whenever it is set or
   * proven; turning MFA off is refused while it does not.
   */
  passwordSingleFactorOk: boolean;
  mfaEnabled: boolean;
  /** The linked authenticator's secret, sealed with AES-256-GCM; null when none is linked. */
  totpSecretSealed: string | null;
  /** The last TOTP time step accepted; a code of this step or earlier is refused. */
  totpLastStep: number | null;
  /** How many passkeys the user has registered (each is a second factor, like the app). */
  passkeyCount: number;
  createdAt: number;
  lastActiveAt: number | null;
}

export interface SessionRecord {
  tokenHash: string;
  /** A public handle for listing and ending sessions; never the token nor its hash. */
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end, whatever the activity. */
  expiresAt: number;
  /** When the password was last proven in this session (login or re-authentication). */
  reauthAt: number;
  /** Whether that proof included the second factor. */
  reauthSecondFactor: boolean;
  /** Whether this session ever proved the second factor (at login, enrollment or re-authentication). */
  mfaPassed: boolean;
  /** How it signed in, as RFC 8176 method values (`pwd`, `otp`, `swk`, `mfa`). */
  amr: string[];
  /** The browser's User-Agent at sign-in (truncated), to tell sessions apart; null when none was sent. */
  userAgent: string | null;
  /** Where the sign-in came from, as for the audit log. */
  clientAddress: string | null;
}

export interface ChallengeRecord {
  idHash: string;
  userId: string;
  /**
   * `passkey_setup`: the phishing-resistant level's next step after a proven app code or
   * recovery code (#30); it can only register a passkey.
   */
  kind: 'mfa' | 'enroll' | 'passkey_setup';
  /** For an enrollment: the new secret, sealed, which becomes the user's only after a valid code. */
  pendingSecretSealed: string | null;
  tokenType: 'cookie' | 'bearer';
  failures: number;
  expiresAt: number;
  /** A "Set up now" enrollment belongs to the session that started it; login challenges to none. */
  sessionHash: string | null;
  /**
   * The WebAuthn challenge offered with it, when a passkey may answer: assertion options for an
   * MFA challenge, creation options for an enrollment.
   */
  webauthnChallenge: string | null;
}

/** A registered passkey (WebAuthn credential). */
export interface PasskeyRecord {
  /** A public handle; not the credential id. */
  id: string;
  userId: string;
  /** The credential id, base64url, as authenticators send it back. */
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The signature counter last seen; one that does not grow (where the authenticator counts) is a clone. */
  counter: number;
  transports: string[];
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/**
 * What a sign-in decided on, checked again inside the transaction that creates its session or
 * challenge (security rule 18a, docs/architecture.md): a sign-in that straddles a change of
 * password, of the user's factors or of the organization's policy gets nothing.
 */
export interface SignInBasis {
  /** The password hash the sign-in verified; null when no password was used (a passkey). */
  passwordHash: string | null;
  /** The session will not have passed a second factor: refused once the user or organization requires one. */
  singleFactor: boolean;
  /** When the sign-in decided, to hold against the organization's MFA deadline. */
  at: number;
}

/** The answer to that check: `ok` when the session or challenge was created, else why nothing was. */
export type SignInCheck = 'ok' | 'user_gone' | 'password_changed' | 'mfa_required';

/** A WebAuthn ceremony in progress that is not a login challenge: passkey sign-in, registration, re-authentication. */
export interface WebauthnChallengeRecord {
  idHash: string;
  purpose: 'login' | 'register' | 'reauth';
  /** Known for registration and re-authentication; a passkey sign-in learns it from the credential. */
  userId: string | null;
  /** Registration and re-authentication belong to the session that asked. */
  sessionHash: string | null;
  challenge: string;
  expiresAt: number;
}

export interface SecurityEventRecord {
  id: number;
  orgId: string;
  type: SecurityEventType;
  at: number;
  actorId: string | null;
  actorUsername: string | null;
  targetId: string | null;
  targetUsername: string | null;
  clientAddress: string | null;
  /** Why, when someone said: the support ticket of an operator's action. */
  reason: string | null;
  /** Set for `org_policy_changed`; absent (or null) for every other type. */
  detail?: EventDetail | null;
}

export type NewSecurityEvent = Omit<SecurityEventRecord, 'id'>;

/** How failures on one key are paced: a few free tries, then doubling delays, then a lock. */
export interface ThrottleRule {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  lockAfter: number;
  lockMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

/** `failures` counts this attempt too, so a caller can tell when a failure starts a wait. */
export type ThrottleDecision = { allowed: true; failures: number } | { allowed: false; retryAfterMs: number };

export interface UserListQuery {
  afterUsername: string | null;
  limit: number;
  /** Case-insensitive substring of the username. */
  contains: string | null;
  /** Only one compliance group: no second factor, the app and no passkey, a passkey. */
  mfa?: 'none' | 'app' | 'passkey' | null;
}

/** The compliance view: how many members have which second factor. */
export interface MfaCounts {
  members: number;
  withPasskey: number;
  appOnly: number;
  withoutFactor: number;
}

/** Whose sealed secret a stored ciphertext is: the associated data it was sealed under follows from it. */
export type SealedOwner =
  { kind: 'totp'; userId: string } | { kind: 'signing-key'; kid: string } | { kind: 'webhook'; id: string };

/** A key that signs the tokens integrators' backends verify; the private half sealed with the server key. */
export interface SigningKeyRecord {
  kid: string;
  /** The public JWK, as JSON. */
  publicJwk: string;
  privateSealed: string;
  createdAt: number;
  /** From when it signs (the newest active one does); published in the JWKS before, so verifiers know it. */
  activeFrom: number;
  /** When it leaves the JWKS: once every token it signed has expired. Null while it is the newest. */
  dropAfter: number | null;
}

/** An organization API key (#19): only its SHA-256 is kept; the key was shown once. */
export interface ApiKeyRecord {
  id: string;
  orgId: string;
  name: string;
  keyHash: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
}

/** A key's request budget: at most `limit` requests per window of `windowMs`, per key. */
export interface ApiKeyBudget {
  windowMs: number;
  limit: number;
}

/** A request with a live key: the key, its organization, and what is left of its budget. */
export interface ApiKeyUse {
  key: ApiKeyRecord;
  org: OrganizationRecord;
  /** Over the budget: when the window ends. */
  retryAfterMs: number | null;
}

/** A webhook endpoint of an organization (#20); its signing secret sealed like a TOTP secret. */
export interface WebhookRecord {
  id: string;
  orgId: string;
  url: string;
  description: string;
  /** The security event types it hears; empty: every one. */
  events: SecurityEventType[];
  enabled: boolean;
  /** When the retry schedule ran out and the endpoint was turned off; null otherwise. */
  failingSince: number | null;
  secretSealed: string;
  /** The secret before the last rotation, which signs too until `previousUntil`. */
  previousSecretSealed: string | null;
  previousUntil: number | null;
  createdAt: number;
}

export type WebhookPatch = Partial<Pick<WebhookRecord, 'url' | 'events' | 'description' | 'enabled'>>;

/** One message for one endpoint in the outbox: written with the change it tells of. */
export interface WebhookDeliveryRecord {
  id: number;
  webhookId: string;
  /** The event type, or `webhook.test`. */
  type: string;
  /** The body, fixed when the change committed: `{type, timestamp, data}`. */
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  /** Tries so far. */
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
}

/** One try of a delivery. */
export interface WebhookAttemptRecord {
  deliveryId: number;
  at: number;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** The start of the answer's body, at most 1 KiB. */
  response: string | null;
}

/** What a try decided: delivered, tried again at `nextAttemptAt`, or given up (the endpoint turned off). */
export type DeliveryOutcome =
  | { status: 'delivered' }
  | { status: 'pending'; nextAttemptAt: number }
  | { status: 'failed'; disabledEvent: NewSecurityEvent };
