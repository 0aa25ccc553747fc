/**
 * Node-only parts of @portcullis/server: the SQLite store, the native Argon2id hasher, the
 * shipped common-password list, the secret-key file and the HTTP server.
 * @packageDocumentation
 */
import { dictionary } from '@zxcvbn-ts/language-common';

export { createSqliteStore } from './store/sqlite/sqlite-store.ts';
export { createPostgresStore } from './store/postgres/postgres-store.ts';
export type { PostgresOptions } from './store/postgres/postgres-database.ts';
export { createNativeArgon2Hasher } from './crypto/native-argon2-hasher.ts';
export { createImportedHashVerifier } from './crypto/node-imported-hashes.ts';
export { startNodeServer, nodeClientAddress, nodeListenAddress } from './adapters/node-server.ts';
export { nodeWebhookNetwork } from './adapters/node-webhook-network.ts';
export type { NodeServerOptions } from './adapters/node-server.ts';
export { loadOrCreateSecretKey, parseSecretKey } from './crypto/secret-key.ts';

/** The ~49,000 most common passwords of public breach corpora, as zxcvbn-ts ships them. */
export function commonPasswordList(): ReadonlySet<string> {
  return new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));
}
