import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSecretBox } from '../crypto/secret-box.ts';
import { totpAssociatedData } from '../domain/sealed-secrets.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { harness, secretKey } from '../../test/support/harness.ts';

const bin = fileURLToPath(new URL('../../bin/portcullis-server.js', import.meta.url));
const currentKey = Buffer.from(secretKey).toString('hex');
const newKey = Buffer.alloc(32, 11).toString('hex');

/** The server reads its key from `<db>.key` here, as a SQLite deployment without PORTCULLIS_SECRET_KEY does. */
function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PORTCULLIS_SECRET_KEY: undefined, ...env },
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

async function sqliteWithKeyFile() {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-rotate-'));
  const db = join(dir, 'accounts.db');
  writeFileSync(`${db}.key`, `${currentKey}\n`, { mode: 0o600 });
  const h = await harness({ store: createSqliteStore(db) });
  await h.withMfa('alice');
  const aliceId = h.users.alice!.id;
  await h.store.close();
  const opensWith = async (key: string) => {
    const store = createSqliteStore(db);
    try {
      const sealed = (await store.getUser(aliceId))!.totpSecretSealed!;
      return (
        (await (await createSecretBox(Buffer.from(key, 'hex'))).open(sealed, totpAssociatedData(aliceId))) ===
        h.secrets.get('alice')
      );
    } catch {
      return false;
    } finally {
      await store.close();
    }
  };
  return { dir, db, h, opensWith };
}

test('A3: rotate-key refuses a <db>.key.new it did not make, a planted file or a symlink, and changes nothing', async () => {
  const { dir, db, opensWith } = await sqliteWithKeyFile();
  const staged = `${db}.key.new`;
  writeFileSync(staged, 'planted\n', { mode: 0o644 });
  const planted = cli(['rotate-key', '--db', db], { PORTCULLIS_NEW_SECRET_KEY: newKey });
  assert.equal(planted.status, 1);
  assert.equal(planted.err.trim().split('\n').length, 1, `one line: ${planted.err}`);
  assert.match(planted.err, /key\.new exists already .* nothing was changed/);
  assert.equal(readFileSync(staged, 'utf8'), 'planted\n', 'the planted file is neither read nor written');
  unlinkSync(staged);

  const target = join(dir, 'attacker-reads-this');
  symlinkSync(target, staged);
  const linked = cli(['rotate-key', '--db', db], { PORTCULLIS_NEW_SECRET_KEY: newKey });
  assert.equal(linked.status, 1);
  assert.match(linked.err, /exists already/);
  assert.equal(existsSync(target), false, 'the symlink was not followed');
  assert.ok(lstatSync(staged).isSymbolicLink());
  unlinkSync(staged);

  assert.equal(readFileSync(`${db}.key`, 'utf8').trim(), currentKey);
  assert.equal(await opensWith(currentKey), true, 'the old key still opens everything');
});

test('A2: the new key is on disk before the database changes; a rotation that fails leaves the old key opening everything', async () => {
  const { db, h, opensWith } = await sqliteWithKeyFile();
  // A secret that does not open stops the re-seal after the new key file was written.
  const store = createSqliteStore(db);
  await store.createChallenge({
    idHash: 'broken',
    userId: h.users.bob!.id,
    kind: 'enroll',
    pendingSecretSealed: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA',
    tokenType: 'cookie',
    failures: 0,
    expiresAt: Date.now() + 60_000,
    sessionHash: null,
    webauthnChallenge: null,
  });
  await store.close();
  const failed = cli(['rotate-key', '--db', db], { PORTCULLIS_NEW_SECRET_KEY: newKey });
  assert.equal(failed.status, 1);
  assert.equal(
    failed.err.trim(),
    'portcullis-server: rotate-key: a secret does not open with the current key; nothing was changed',
  );
  assert.equal(existsSync(`${db}.key.new`), false, 'the new key went with the rolled-back change');
  assert.equal(readFileSync(`${db}.key`, 'utf8').trim(), currentKey);
  assert.equal(await opensWith(currentKey), true);

  const cleanup = createSqliteStore(db);
  await cleanup.failChallenge('broken', 1);
  await cleanup.close();
  const rotated = cli(['rotate-key', '--db', db], { PORTCULLIS_NEW_SECRET_KEY: newKey });
  assert.equal(rotated.status, 0, rotated.err);
  assert.match(
    rotated.out,
    /Re-sealed 1 secret \(TOTP secrets and token signing keys\) with the new key; .*accounts\.db\.key now holds it/,
  );
  assert.equal(readFileSync(`${db}.key`, 'utf8').trim(), newKey);
  assert.equal(statSync(`${db}.key`).mode & 0o777, 0o600);
  assert.equal(existsSync(`${db}.key.new`), false);
  assert.deepEqual([await opensWith(newKey), await opensWith(currentKey)], [true, false]);
});

test('A2: the server refuses to start with a key that does not open the stored secrets, and starts with the right one', async () => {
  const { db } = await sqliteWithKeyFile();
  const wrong = Buffer.alloc(32, 99).toString('hex');
  const refused = cli(['--db', db, '--port', '0'], { PORTCULLIS_SECRET_KEY: wrong });
  assert.equal(refused.status, 2);
  assert.equal(
    refused.err.trim(),
    "portcullis-server: the secret key from PORTCULLIS_SECRET_KEY does not open the TOTP secrets in this database (1 of them: alice); start with the key they were sealed with (after rotate-key, the new one), or reset those users' MFA with reset-mfa",
  );
  writeFileSync(`${db}.key`, `${wrong}\n`);
  const fromFile = cli(['--db', db, '--port', '0']);
  assert.equal(fromFile.status, 2);
  assert.match(fromFile.err, /the secret key from .*accounts\.db\.key does not open/);
  assert.doesNotMatch(fromFile.err, new RegExp(wrong), 'the key is never shown');
  // The right key: it starts (and is stopped by the timeout, not by an error).
  writeFileSync(`${db}.key`, `${currentKey}\n`);
  const started = spawnSync(process.execPath, [bin, '--db', db, '--port', '0'], {
    encoding: 'utf8',
    timeout: 3000,
    env: { ...process.env, PORTCULLIS_SECRET_KEY: undefined },
  });
  assert.match(started.stdout, /running at/, started.stderr);
});
