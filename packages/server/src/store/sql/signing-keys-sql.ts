import type { SigningKeyStore } from '../store.ts';
import { assertSealedWithCurrentKey } from './data-key-sql.ts';
import { toSigningKey } from './rows.ts';
import type { SqlDatabase, SqlExecutor } from './sql-database.ts';

const published = (tx: SqlExecutor, now: number) =>
  tx
    .all('SELECT * FROM signing_keys WHERE drop_after IS NULL OR drop_after > ? ORDER BY active_from DESC, kid', [now])
    .then((rows) => rows.map(toSigningKey));

/** The token signing keys every instance shares. */
export function signingKeyQueries(db: SqlDatabase): SigningKeyStore {
  return {
    listSigningKeys: (now) => published(db, now),
    addFirstSigningKey: (key, now) =>
      db.transaction(async (tx) => {
        // Two instances starting at once: one lock, one first key.
        await db.lock(tx, 'portcullis.signing-keys');
        if ((await published(tx, now)).length === 0) {
          await assertSealedWithCurrentKey(tx, key.privateSealed);
          await tx.run(
            'INSERT INTO signing_keys (kid, public_jwk, private_sealed, created_at, active_from, drop_after) VALUES (?, ?, ?, ?, ?, NULL)',
            [key.kid, key.publicJwk, key.privateSealed, key.createdAt, key.activeFrom],
          );
        }
        return published(tx, now);
      }),
    rotateSigningKey: (key, previousDropAfter) =>
      db.transaction(async (tx) => {
        await db.lock(tx, 'portcullis.signing-keys');
        await assertSealedWithCurrentKey(tx, key.privateSealed);
        await tx.run('UPDATE signing_keys SET drop_after = ? WHERE drop_after IS NULL', [previousDropAfter]);
        await tx.run(
          'INSERT INTO signing_keys (kid, public_jwk, private_sealed, created_at, active_from, drop_after) VALUES (?, ?, ?, ?, ?, NULL)',
          [key.kid, key.publicJwk, key.privateSealed, key.createdAt, key.activeFrom],
        );
      }),
  };
}
