/**
 * @portcullis/server: the reference account API as a web-standard fetch handler. This entry is
 * runtime-neutral (it runs in Node, in a browser's service worker and in other fetch hosts);
 * the SQLite store, the native hasher and the Node server live in `@portcullis/server/node`.
 * @packageDocumentation
 */
export { createApp, maxBodyBytes } from './app.ts';
export type { PortcullisApp } from './app.ts';
export { createMemoryStore } from './store/memory-store.ts';
export { createNobleArgon2Hasher } from './crypto/noble-argon2-hasher.ts';
export { argon2Defaults } from './crypto/password-hasher.ts';
export { totpCode } from './crypto/totp.ts';
export { systemClock, cryptoRandom, consoleLogger, defaultSettings } from './deps.ts';
export { createOrganization } from './domain/org/organizations.ts';
export type { AppDeps, Clock, RandomSource, Logger, ServerSettings } from './deps.ts';
export type { PasswordHasher, Argon2Params } from './crypto/password-hasher.ts';
export type { BreachedPasswordCheck, WebhookNetwork, WebhookPost } from './ports.ts';
export type { WebhookWorker } from './domain/webhooks/delivery-worker.ts';
export type { Store } from './store/store.ts';
export { StoreUnavailableError, SchemaTooNewError } from './store/store.ts';
