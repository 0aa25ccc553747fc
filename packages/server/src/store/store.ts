import type { OrganizationStore } from './concerns/organization-store.ts';
import type { UserStore } from './concerns/user-store.ts';
import type { MfaStore } from './concerns/mfa-store.ts';
import type { SessionStore } from './concerns/session-store.ts';
import type { ChallengeStore } from './concerns/challenge-store.ts';
import type { ThrottleStore } from './concerns/throttle-store.ts';
import type { EventStore } from './concerns/event-store.ts';
import type { PasskeyStore } from './concerns/passkey-store.ts';
import type { SigningKeyStore } from './concerns/signing-key-store.ts';
import type { DataKeyStore } from './concerns/data-key-store.ts';
import type { HousekeepingStore } from './concerns/housekeeping-store.ts';
import type { ApiKeyStore } from './concerns/api-key-store.ts';
import type { WebhookStore } from './concerns/webhook-store.ts';

export type * from './records.ts';
export type * from './store-types.ts';
export type { OrganizationStore } from './concerns/organization-store.ts';
export type { UserStore } from './concerns/user-store.ts';
export type { MfaStore } from './concerns/mfa-store.ts';
export type { SessionStore } from './concerns/session-store.ts';
export type { ChallengeStore } from './concerns/challenge-store.ts';
export type { ThrottleStore } from './concerns/throttle-store.ts';
export type { EventStore } from './concerns/event-store.ts';
export type { PasskeyStore } from './concerns/passkey-store.ts';
export type { SigningKeyStore } from './concerns/signing-key-store.ts';
export type { DataKeyStore } from './concerns/data-key-store.ts';
export type { HousekeepingStore } from './concerns/housekeeping-store.ts';
export type { ApiKeyStore } from './concerns/api-key-store.ts';
export type { WebhookStore } from './concerns/webhook-store.ts';

/**
 * Storage behind every adapter (memory, SQLite, PostgreSQL), one interface per concern. Each
 * method that changes state is one transaction, and takes the security event that describes the
 * change so that the change and its audit line commit together or not at all. Methods whose
 * name starts with `claim`, `consume` or `finish` are compare-and-set: of two concurrent calls
 * exactly one gets `true`.
 *
 * @experimental Exported for custom adapters and tests; it may change between minor versions.
 */
export interface Store
  extends
    OrganizationStore,
    UserStore,
    MfaStore,
    SessionStore,
    ChallengeStore,
    ThrottleStore,
    EventStore,
    PasskeyStore,
    SigningKeyStore,
    DataKeyStore,
    HousekeepingStore,
    ApiKeyStore,
    WebhookStore {}

/**
 * The storage cannot be reached (PostgreSQL stopped, the network between down, a pool that
 * cannot connect in time). Requests answer `unavailable` (503) and may be retried; nothing was
 * half-written, because every change is one transaction.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** The database was migrated by a newer version than this one: upgrade the server, do not touch it. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}
