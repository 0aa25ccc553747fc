import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createSecretBox } from '../crypto/secret-box.ts';
import { associatedDataOf } from '../domain/sealed-secrets.ts';
import { StoreUnavailableError, type Store } from '../store/store.ts';
import type { DatabaseTarget } from './database-target.ts';
import { OperatorError } from './operator-config.ts';
import { parseSecretKey } from '../crypto/secret-key.ts';
import { processesWithFileOpen } from './open-by-others.ts';

type Env = Readonly<Record<string, string | undefined>>;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).name;

/**
 * Writes the new key beside the old one as `<db>.key.new`, made by us alone: created
 * exclusively (`wx` does not follow a symlink and fails on anything already there, which could
 * be a planted file whose owner reads along), owner-only, and on disk before it is used.
 */
function stageKeyFile(staged: string, key: Uint8Array): void {
  let fd: number;
  try {
    fd = openSync(staged, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') {
      throw new OperatorError(
        `rotate-key: ${staged} exists already (left by an interrupted run, or put there by someone else); check it, remove it, and run again; nothing was changed`,
      );
    }
    throw new OperatorError(`rotate-key: cannot create ${staged} (${errorCode(error)}); nothing was changed`);
  }
  try {
    writeSync(fd, `${Buffer.from(key).toString('hex')}\n`);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(staged);
    throw new OperatorError(`rotate-key: cannot write ${staged} (${errorCode(error)}); nothing was changed`);
  }
  closeSync(fd);
}

/** Makes the rename itself durable: the folder's entry is what names the key after a crash. */
function syncFolder(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens every sealed secret (TOTP secrets, token signing keys) with the current key and seals it again with the new one, in
 * one transaction: a secret that does not open stops it, and nothing changes. A SQLite server
 * without PORTCULLIS_SECRET_KEY reads its key from `<db>.key`: the new key is written and synced
 * to `<db>.key.new` before the database changes, and renamed over the old file only after the
 * commit, so at every moment some file holds the key that opens the database. Afterwards only
 * the new key opens the secrets; every instance needs it before it serves again. (Throttle
 * counters are keyed by the server key too, so they start afresh.)
 *
 * Every server must be stopped first (#28 F2): one still running on the old key would seal new
 * secrets that no key opens afterwards. The database records the key's fingerprint, changed in
 * the same transaction, and refuses a value sealed with any other key, so such a server fails
 * its enrollments (503) instead of losing them; where it can tell, rotate-key refuses while a
 * server holds the database (a SQLite file another process has open, a PostgreSQL instance lock).
 */
export async function rotateKey(store: Store, current: Uint8Array, db: DatabaseTarget, env: Env): Promise<void> {
  if (env.PORTCULLIS_NEW_SECRET_KEY === undefined)
    throw new OperatorError('rotate-key: set PORTCULLIS_NEW_SECRET_KEY to the new key (64 hex digits)');
  let next: Uint8Array;
  try {
    next = parseSecretKey(env.PORTCULLIS_NEW_SECRET_KEY);
  } catch (error) {
    throw new OperatorError(`rotate-key: PORTCULLIS_NEW_SECRET_KEY: ${(error as Error).message}`);
  }
  if (Buffer.from(next).equals(Buffer.from(current)))
    throw new OperatorError('rotate-key: the new key is the current key');
  if (db.kind === 'sqlite') {
    const holders = processesWithFileOpen(db.path);
    if (holders.length > 0)
      throw new OperatorError(
        `rotate-key: ${db.path} is open in another process (pid ${holders.join(', ')}): stop every server first; nothing was changed`,
      );
  }
  const keyFile = db.kind === 'sqlite' && env.PORTCULLIS_SECRET_KEY === undefined ? `${db.path}.key` : null;
  const staged = keyFile && `${keyFile}.new`;
  if (staged) stageKeyFile(staged, next);

  const [from, to] = await Promise.all([createSecretBox(current), createSecretBox(next)]);
  let resealed: number | 'key_changed' | 'in_use';
  try {
    resealed = await store.resealSecrets(
      async (sealed, owner) => {
        const associated = associatedDataOf(owner);
        let secret: string;
        try {
          secret = await from.open(sealed, associated);
        } catch {
          throw new OperatorError('rotate-key: a secret does not open with the current key; nothing was changed');
        }
        return to.seal(secret, associated);
      },
      { from: from.fingerprint, to: to.fingerprint },
    );
  } catch (error) {
    // Rolled back: the old key, still in its file, opens everything; the new one goes.
    if (staged) unlinkSync(staged);
    if (error instanceof OperatorError || error instanceof StoreUnavailableError) throw error;
    throw new OperatorError(`rotate-key: the database refused the change (${errorCode(error)}); nothing was changed`);
  }
  if (typeof resealed !== 'number') {
    if (staged) unlinkSync(staged);
    throw new OperatorError(
      resealed === 'in_use'
        ? 'rotate-key: a server is running on this database: stop every instance first; nothing was changed'
        : 'rotate-key: the database records another key than the current one (rotated already?); nothing was changed',
    );
  }
  if (staged && keyFile) {
    try {
      renameSync(staged, keyFile);
      syncFolder(keyFile);
    } catch (error) {
      throw new OperatorError(
        `rotate-key: the secrets are sealed with the new key, which is in ${staged}, but it could not replace ${keyFile} (${errorCode(error)}); move it there before the server starts again`,
      );
    }
  }
  const nextSteps = keyFile
    ? `${keyFile} now holds it; restart the server.`
    : 'Set PORTCULLIS_SECRET_KEY to it on every instance and restart them.';
  console.log(
    `Re-sealed ${resealed} secret${resealed === 1 ? '' : 's'} (TOTP secrets and token signing keys) with the new key; the old key opens nothing now. ${nextSteps}`,
  );
}
