/**
 * Versioned schema changes for PostgreSQL, applied in order, each in its own transaction; the
 * `schema_migrations` table records which ran. Never edit a shipped migration: append a new one.
 * Booleans are SMALLINT 0/1 and times BIGINT milliseconds, as in SQLite, so the store's SQL is the
 * same for both. Usernames compare byte by byte (COLLATE "C"), so paging orders as in SQLite.
 */
export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    enforce_mfa SMALLINT NOT NULL DEFAULT 0,
    policy_updated_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
  );

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    username TEXT COLLATE "C" NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('root', 'subuser')),
    password_hash TEXT NOT NULL,
    password_single_factor_ok SMALLINT NOT NULL DEFAULT 0,
    mfa_enabled SMALLINT NOT NULL DEFAULT 0,
    totp_secret_sealed TEXT,
    totp_last_step BIGINT,
    created_at BIGINT NOT NULL,
    last_active_at BIGINT
  );
  CREATE INDEX users_org_username ON users (org_id, username);
  CREATE UNIQUE INDEX one_root_per_org ON users (org_id) WHERE role = 'root';

  CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
  );

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    reauth_at BIGINT NOT NULL,
    reauth_second_factor SMALLINT NOT NULL,
    mfa_passed SMALLINT NOT NULL DEFAULT 0,
    user_agent TEXT,
    client_address TEXT
  );
  CREATE INDEX sessions_user_mfa ON sessions (user_id, mfa_passed);
  CREATE INDEX sessions_expires ON sessions (expires_at);
  CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

  CREATE TABLE challenges (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('mfa', 'enroll')),
    pending_secret_sealed TEXT,
    token_type TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    expires_at BIGINT NOT NULL,
    session_hash TEXT REFERENCES sessions(token_hash) ON DELETE CASCADE,
    webauthn_challenge TEXT
  );
  CREATE INDEX challenges_user ON challenges (user_id);
  CREATE INDEX challenges_expires ON challenges (expires_at);
  CREATE INDEX challenges_session ON challenges (session_hash);

  CREATE TABLE attempts (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    next_allowed_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE INDEX attempts_updated ON attempts (updated_at);

  CREATE TABLE events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id TEXT NOT NULL,
    type TEXT NOT NULL,
    at BIGINT NOT NULL,
    actor_id TEXT,
    actor_username TEXT,
    target_id TEXT,
    target_username TEXT,
    client_address TEXT,
    reason TEXT
  );
  CREATE INDEX events_org_id ON events (org_id, id);
  CREATE INDEX events_at ON events (at);

  CREATE TABLE passkeys (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    public_key TEXT NOT NULL,
    counter BIGINT NOT NULL,
    transports TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
  );
  CREATE INDEX passkeys_user ON passkeys (user_id);
  CREATE TABLE webauthn_challenges (
    id_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('login', 'register', 'reauth')),
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    session_hash TEXT REFERENCES sessions(token_hash) ON DELETE CASCADE,
    challenge TEXT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX webauthn_challenges_expires ON webauthn_challenges (expires_at);
  CREATE INDEX webauthn_challenges_session ON webauthn_challenges (session_hash, purpose);
  `,
  `
  -- The fingerprint of the key the TOTP secrets are sealed with (#28 F2): a value sealed with
  -- any other key is refused, and rotate-key changes it with the secrets in one transaction.
  CREATE TABLE key_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
  );
  `,
  // 3: signing keys for tokens (one set for every instance), and how each session signed in.
  `
  CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    public_jwk TEXT NOT NULL,
    private_sealed TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    active_from BIGINT NOT NULL,
    drop_after BIGINT
  );
  ALTER TABLE sessions ADD COLUMN amr TEXT NOT NULL DEFAULT 'pwd';
  UPDATE sessions SET amr = 'pwd mfa' WHERE mfa_passed = 1;
  `,
  // 4: organization API keys (#19), only their SHA-256 kept, with each key's request window.
  `
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    last_used_at BIGINT,
    window_start BIGINT NOT NULL,
    window_count BIGINT NOT NULL
  );
  CREATE INDEX api_keys_org ON api_keys (org_id, created_at);
  `,
  // 5: the MFA rollout policy (#30): a deadline and the phishing-resistant level; what an event
  // says beyond its parties (the policy before and after a change).
  `
  ALTER TABLE organizations ADD COLUMN mfa_deadline BIGINT;
  ALTER TABLE organizations ADD COLUMN phishing_resistant SMALLINT NOT NULL DEFAULT 0;
  ALTER TABLE events ADD COLUMN detail TEXT;
  `,
  // 6: a login challenge may be a passkey setup (#30, the phishing-resistant level).
  `
  ALTER TABLE challenges DROP CONSTRAINT challenges_kind_check;
  ALTER TABLE challenges ADD CONSTRAINT challenges_kind_check CHECK (kind IN ('mfa', 'enroll', 'passkey_setup'));
  `,
  // 7: webhooks (#20): endpoints, the outbox of deliveries written with each change, and their tries.
  `
  CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    events TEXT NOT NULL,
    enabled SMALLINT NOT NULL,
    failing_since BIGINT,
    secret_sealed TEXT NOT NULL,
    previous_secret_sealed TEXT,
    previous_until BIGINT,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX webhooks_org ON webhooks (org_id, created_at);
  CREATE TABLE webhook_deliveries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (webhook_id, id) WHERE status = 'pending';
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
  CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
  CREATE TABLE webhook_attempts (
    delivery_id BIGINT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    status BIGINT,
    error TEXT,
    duration_ms BIGINT NOT NULL,
    response TEXT
  );
  CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, at);
  `,
];
