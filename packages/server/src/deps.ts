import type { PasswordHasher } from './crypto/password-hasher.ts';
import type { ImportedHashVerifier } from './crypto/imported-hash.ts';
import type { BreachedPasswordCheck, Clock, Logger, RandomSource, WebhookNetwork } from './ports.ts';

export type { BreachedPasswordCheck, Clock, Logger, RandomSource, WebhookNetwork, WebhookPost } from './ports.ts';
import type { Store } from './store/store.ts';

/** Tunables of the server, with the defaults docs/architecture.md agrees on. */
export interface ServerSettings {
  /** Sliding idle timeout of a session (default 30 days). */
  sessionIdleTimeoutMs: number;
  /** Absolute lifetime of a session, however active (default 90 days). */
  sessionMaxLifetimeMs: number;
  /** How long a login or re-authentication allows sensitive changes (default 10 minutes). */
  reauthWindowMs: number;
  /** Origins other than the server's own that may call it from a browser with credentials. */
  allowedOrigins: readonly string[];
  /** The issuer shown in authenticator apps. */
  totpIssuer: string;
  /**
   * The origin the API is served at, such as `https://accounts.example.com`. Requests for other
   * hosts are refused, and the session cookie's name and `Secure` follow it. Null: loopback only.
   */
  publicOrigin: string | null;
  /** Behind a reverse proxy: take the host and scheme from the `X-Forwarded-*` headers it sets. */
  trustProxy: boolean;
  /** The `aud` of tokens for integrators' backends; empty: the issuer (the public origin) itself. */
  tokenAudience: readonly string[];
  /** How long such a token lives (default 5 minutes, at most an hour, never past its session). */
  tokenTtlMs: number;
  /**
   * Requests each organization API key may make per minute, counted across every instance
   * (default 3,000: paging 100,000 users a hundred at a time takes 1,000).
   */
  apiKeyRequestsPerMinute: number;
  /**
   * Webhooks may go to private, loopback and link-local addresses, and over plain http (#20): for
   * development and tests only (`--webhooks-allow-private`).
   */
  webhooksAllowPrivate: boolean;
  /** The waits between a webhook's tries (default about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, ±20 %). */
  webhookRetryScheduleMs: readonly number[];
  /** How long one webhook POST may take (default 10 s). */
  webhookTimeoutMs: number;
}

/** Everything the application needs from the outside world. */
export interface AppDeps {
  store: Store;
  hasher: PasswordHasher;
  /** 32 raw bytes for AES-256-GCM encryption of TOTP secrets at rest. */
  secretKey: Uint8Array;
  clock?: Clock;
  random?: RandomSource;
  logger?: Logger;
  settings?: Partial<ServerSettings>;
  /** The common-password list (lower case); defaults to none, the Node entry ships one. */
  commonPasswords?: ReadonlySet<string>;
  /**
   * Verifies password hashes brought over by user import (bcrypt, scrypt, PBKDF2, Argon2i…);
   * without it, an import with `passwordHash` is refused (`unsupported_hash`). The Node entry
   * has one: `createImportedHashVerifier()`.
   */
  importedHashes?: ImportedHashVerifier;
  /** An optional breach-corpus lookup, such as a k-anonymity range service. */
  breachedPasswordCheck?: BreachedPasswordCheck;
  /** How to find the client's address for the audit log; null where the runtime cannot tell. */
  clientAddress?: (request: Request, env: unknown) => string | null;
  /**
   * The address and port the request's socket listens at, where the runtime can tell: without a
   * public origin, only that origin (and `localhost` of its port) is served.
   */
  listenAddress?: (env: unknown) => { address: string; port: number } | null;
  /** Where webhooks go out (#20); the Node entry's `nodeWebhookNetwork()`. Without it none are registered. */
  webhookNetwork?: WebhookNetwork;
}

export const day = 24 * 60 * 60 * 1000;
export const minute = 60 * 1000;

export const defaultSettings: ServerSettings = {
  sessionIdleTimeoutMs: 30 * day,
  sessionMaxLifetimeMs: 90 * day,
  reauthWindowMs: 10 * minute,
  allowedOrigins: [],
  totpIssuer: 'Portcullis',
  publicOrigin: null,
  trustProxy: false,
  tokenAudience: [],
  tokenTtlMs: 5 * minute,
  apiKeyRequestsPerMinute: 3000,
  webhooksAllowPrivate: false,
  webhookRetryScheduleMs: [
    5 * 1000,
    5 * minute,
    30 * minute,
    2 * 60 * minute,
    5 * 60 * minute,
    10 * 60 * minute,
    10 * 60 * minute,
  ],
  webhookTimeoutMs: 10_000,
};

export const systemClock: Clock = { now: () => Date.now() };

export const cryptoRandom: RandomSource = {
  bytes(length) {
    const out = new Uint8Array(length);
    globalThis.crypto.getRandomValues(out);
    return out;
  },
};

/** One JSON object per line on standard error. */
export const consoleLogger: Logger = {
  info: (message, fields) => console.error(JSON.stringify({ level: 'info', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
};
