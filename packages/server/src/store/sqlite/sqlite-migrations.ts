/**
 * Versioned schema changes, applied in order inside one transaction each; `PRAGMA user_version`
 * records how far a database has come. Never edit a shipped migration: append a new one.
 */
export const sqliteMigrations: readonly string[] = [
  `
  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    enforce_mfa INTEGER NOT NULL DEFAULT 0,
    policy_updated_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    username TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('root', 'subuser')),
    password_hash TEXT NOT NULL,
    mfa_enabled INTEGER NOT NULL DEFAULT 0,
    totp_secret_sealed TEXT,
    totp_last_step INTEGER,
    created_at INTEGER NOT NULL,
    last_active_at INTEGER
  ) STRICT;
  CREATE INDEX users_org_username ON users (org_id, username);
  CREATE UNIQUE INDEX one_root_per_org ON users (org_id) WHERE role = 'root';

  CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    reauth_at INTEGER NOT NULL,
    reauth_second_factor INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX sessions_user ON sessions (user_id);

  CREATE TABLE challenges (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('mfa', 'enroll')),
    pending_secret_sealed TEXT,
    token_type TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX challenges_user ON challenges (user_id);

  CREATE TABLE attempts (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    next_allowed_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id TEXT NOT NULL,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    actor_id TEXT,
    actor_username TEXT,
    target_id TEXT,
    target_username TEXT,
    client_address TEXT
  ) STRICT;
  CREATE INDEX events_org_id ON events (org_id, id);
  `,
  // 2: pruning what can no longer be used without scanning whole tables.
  `
  CREATE INDEX challenges_expires ON challenges (expires_at);
  CREATE INDEX sessions_expires ON sessions (expires_at);
  CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
  CREATE INDEX attempts_updated ON attempts (updated_at);
  `,
  // 3: security hardening. Whether a password meets the single-factor minimum; whether a
  // session passed MFA; "Set up now" enrollments bound to their session; enrolling turns the
  // switch on; throttle keys become keyed hashes, so the clear-text ones go.
  `
  ALTER TABLE users ADD COLUMN password_single_factor_ok INTEGER NOT NULL DEFAULT 0;
  UPDATE users SET mfa_enabled = 1 WHERE totp_secret_sealed IS NOT NULL;
  ALTER TABLE sessions ADD COLUMN mfa_passed INTEGER NOT NULL DEFAULT 0;
  UPDATE sessions SET mfa_passed = reauth_second_factor;
  ALTER TABLE challenges ADD COLUMN session_hash TEXT REFERENCES sessions(token_hash) ON DELETE CASCADE;
  CREATE INDEX challenges_session ON challenges (session_hash);
  CREATE INDEX sessions_user_mfa ON sessions (user_id, mfa_passed);
  DELETE FROM attempts;

  -- Sessions people can see and end: a public handle, the browser and the address.
  ALTER TABLE sessions ADD COLUMN id TEXT;
  ALTER TABLE sessions ADD COLUMN user_agent TEXT;
  ALTER TABLE sessions ADD COLUMN client_address TEXT;
  UPDATE sessions SET id = 'ses_' || lower(hex(randomblob(12)));
  CREATE UNIQUE INDEX sessions_id ON sessions (id);
  -- Operators' actions carry their reason (a support ticket, say).
  ALTER TABLE events ADD COLUMN reason TEXT;
  CREATE INDEX events_at ON events (at);

  -- Passkeys, and the WebAuthn ceremonies in progress.
  CREATE TABLE passkeys (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    public_key TEXT NOT NULL,
    counter INTEGER NOT NULL,
    transports TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  ) STRICT;
  CREATE INDEX passkeys_user ON passkeys (user_id);
  CREATE TABLE webauthn_challenges (
    id_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('login', 'register', 'reauth')),
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    session_hash TEXT REFERENCES sessions(token_hash) ON DELETE CASCADE,
    challenge TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX webauthn_challenges_expires ON webauthn_challenges (expires_at);
  CREATE INDEX webauthn_challenges_session ON webauthn_challenges (session_hash, purpose);
  ALTER TABLE challenges ADD COLUMN webauthn_challenge TEXT;
  `,
  `
  -- The fingerprint of the key the TOTP secrets are sealed with (#28 F2): a value sealed with
  -- any other key is refused, and rotate-key changes it with the secrets in one transaction.
  CREATE TABLE key_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
  ) STRICT;
  `,
  // 5: signing keys for the short-lived tokens integrators' backends verify (one set for every
  // instance, the private half sealed with the server key), and how each session signed in.
  `
  CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    public_jwk TEXT NOT NULL,
    private_sealed TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    active_from INTEGER NOT NULL,
    drop_after INTEGER
  ) STRICT;
  ALTER TABLE sessions ADD COLUMN amr TEXT NOT NULL DEFAULT 'pwd';
  UPDATE sessions SET amr = 'pwd mfa' WHERE mfa_passed = 1;
  `,
  // 6: organization API keys (#19), only their SHA-256 kept, with each key's request window.
  `
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    last_used_at INTEGER,
    window_start INTEGER NOT NULL,
    window_count INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX api_keys_org ON api_keys (org_id, created_at);
  `,
  // 7: the MFA rollout policy (#30): a deadline and the phishing-resistant level; what an event
  // says beyond its parties (the policy before and after a change).
  `
  ALTER TABLE organizations ADD COLUMN mfa_deadline INTEGER;
  ALTER TABLE organizations ADD COLUMN phishing_resistant INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE events ADD COLUMN detail TEXT;
  `,
  // 8: a login challenge may be a passkey setup (#30, the phishing-resistant level). SQLite cannot
  // change a CHECK, so the table is copied into one that allows it.
  `
  CREATE TABLE challenges_next (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('mfa', 'enroll', 'passkey_setup')),
    pending_secret_sealed TEXT,
    token_type TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL,
    session_hash TEXT REFERENCES sessions(token_hash) ON DELETE CASCADE,
    webauthn_challenge TEXT
  ) STRICT, WITHOUT ROWID;
  INSERT INTO challenges_next (id_hash, user_id, kind, pending_secret_sealed, token_type, failures, expires_at,
    session_hash, webauthn_challenge)
    SELECT id_hash, user_id, kind, pending_secret_sealed, token_type, failures, expires_at, session_hash,
      webauthn_challenge FROM challenges;
  DROP TABLE challenges;
  ALTER TABLE challenges_next RENAME TO challenges;
  CREATE INDEX challenges_user ON challenges (user_id);
  CREATE INDEX challenges_expires ON challenges (expires_at);
  CREATE INDEX challenges_session ON challenges (session_hash);
  `,
  // 9: webhooks (#20): endpoints, the outbox of deliveries written with each change, and their tries.
  `
  CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    events TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    failing_since INTEGER,
    secret_sealed TEXT NOT NULL,
    previous_secret_sealed TEXT,
    previous_until INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX webhooks_org ON webhooks (org_id, created_at);
  CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    lease_until INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (webhook_id, id) WHERE status = 'pending';
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
  CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
  CREATE TABLE webhook_attempts (
    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    status INTEGER,
    error TEXT,
    duration_ms INTEGER NOT NULL,
    response TEXT
  ) STRICT;
  CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, at);
  `,
];
