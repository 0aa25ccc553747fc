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
