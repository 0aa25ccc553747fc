/**
 * What the server needs from the world around it, at the bottom of every layer: time,
 * randomness, somewhere to write operational lines, and an optional breach lookup. Injected, so
 * that tests control them (docs/architecture.md).
 */

/** Milliseconds since the epoch; injected so tests can move time. */
export interface Clock {
  now(): number;
}

/** A cryptographically secure random source; injected so tests can make it predictable. */
export interface RandomSource {
  bytes(length: number): Uint8Array;
}

/** Where the server writes operational lines; never handed a secret. */
export interface Logger {
  info(message: string, fields?: Record<string, string | number | boolean | null>): void;
  error(message: string, fields?: Record<string, string | number | boolean | null>): void;
}

/** Whether a password (NFKC-normalised) is in a breach corpus, such as a k-anonymity range service. */
export type BreachedPasswordCheck = (normalizedPassword: string) => Promise<boolean>;

/** One webhook POST as the network port sends it (#20). */
export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Every address the host resolves to is held against this before connecting (DNS may change). */
  allowed: (address: string) => boolean;
  /** How much of the answer's body to read at most. */
  maxBodyBytes: number;
}

/**
 * Where webhooks go out (#20): name resolution and one POST, no redirects followed, connecting
 * only to addresses `allowed` accepts, checked at connect time. The Node entry has one
 * (`nodeWebhookNetwork`); without it no webhook can be registered or sent.
 */
export interface WebhookNetwork {
  /** The addresses a host name resolves to (none: unresolvable); an address stands for itself. */
  resolve(host: string): Promise<string[]>;
  /** Whether an address is a public one a webhook may go to (global unicast only). */
  isPublic(address: string): boolean;
  post(request: WebhookPost): Promise<{ status: number; body: string } | { error: string }>;
}
