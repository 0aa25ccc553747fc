import type { Store } from '../store.ts';
import { apiKeyQueries } from './api-keys-sql.ts';
import { webhookQueries } from './webhooks-sql.ts';
import { challengeQueries } from './challenges-sql.ts';
import { dataKeyQueries } from './data-key-sql.ts';
import { eventQueries } from './events-sql.ts';
import { housekeepingQueries } from './housekeeping-sql.ts';
import { mfaQueries } from './mfa-sql.ts';
import { organizationQueries } from './organizations-sql.ts';
import { passkeyQueries } from './passkeys-sql.ts';
import { sessionQueries } from './sessions-sql.ts';
import { signingKeyQueries } from './signing-keys-sql.ts';
import type { SqlDatabase } from './sql-database.ts';
import { throttleQueries } from './throttle-sql.ts';
import { userQueries } from './users-sql.ts';

/**
 * The Store over any SQL database (SQLite, PostgreSQL), one concern per module. Every method
 * that changes state is one transaction with its audit event; the compare-and-set methods
 * (`claim…`, `consume…`, `finish…`, `replacePasswordHash`) decide in a conditional statement or
 * under a row lock, so that of two concurrent calls, on one instance or on several, one wins.
 */
export function createSqlStore(db: SqlDatabase): Store {
  return {
    ...organizationQueries(db),
    ...userQueries(db),
    ...mfaQueries(db),
    ...passkeyQueries(db),
    ...sessionQueries(db),
    ...challengeQueries(db),
    ...throttleQueries(db),
    ...eventQueries(db),
    ...housekeepingQueries(db),
    ...dataKeyQueries(db),
    ...signingKeyQueries(db),
    ...apiKeyQueries(db),
    ...webhookQueries(db),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}
