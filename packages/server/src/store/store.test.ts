import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { harness, password } from '../../test/support/harness.ts';
import { createMemoryStore } from './memory-store.ts';
import { sqliteMigrations } from './sqlite/sqlite-migrations.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';
import { storeSuite } from '../../test/store-suite/index.ts';

storeSuite('memory', createMemoryStore);
storeSuite('sqlite', () => createSqliteStore(':memory:'));

test('sqlite: migrations are versioned and data survives a reopen', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'portcullis-')), 'test.db');
  const h = await harness({ store: createSqliteStore(file) });
  await h.signIn('alice');
  await h.store.close();
  const raw = new Database(file);
  assert.equal(raw.pragma('user_version', { simple: true }), sqliteMigrations.length);
  raw.close();
  const reopened = createSqliteStore(file);
  assert.equal((await reopened.findUserByUsername('alice'))!.username, 'alice');
  await reopened.close();
});

test('sqlite: TOTP secrets are encrypted at rest; tokens and recovery codes are only hashes', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'portcullis-')), 'test.db');
  const h = await harness({ store: createSqliteStore(file) });
  const token = await h.withMfa('alice');
  await h.store.close();
  const bytes = readFileSync(file).toString('latin1'); // closing checkpoints the WAL into the file
  assert.ok(bytes.includes('alice'), 'the check reads the real file');
  for (const secret of [h.secrets.get('alice')!, token, ...h.recoveryCodes.get('alice')!, password]) {
    assert.equal(bytes.includes(secret), false, 'no plaintext secret on disk');
  }
});

test('sqlite: the whole login flow runs on a real file', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'portcullis-')), 'test.db');
  const h = await harness({ store: createSqliteStore(file) });
  await h.withMfa('alice');
  const code = await h.nextCode('alice');
  const a = await h.request(endpoints.login, { body: { username: 'alice', password } });
  const b = await h.request(endpoints.login, { body: { username: 'alice', password } });
  const replies = await Promise.all(
    [a, b].map((login) => h.request(endpoints.completeMfa, { body: { challengeId: login.body.challenge.id, code } })),
  );
  assert.deepEqual(replies.map((r) => r.status).sort(), [200, 400], 'replay protection holds on SQLite too');
  await h.store.close();
});

test('sqlite: the database and its WAL and shared-memory files are readable by the owner only, whatever the umask', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-'));
  const file = join(dir, 'private.db');
  const previous = process.umask(0o022);
  try {
    const h = await harness({ store: createSqliteStore(file) });
    await h.signIn('alice');
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      assert.equal(statSync(path).mode & 0o777, 0o600, path);
    }
    await h.store.close();
    // A file left world-readable by an older version is narrowed when opened.
    chmodSync(file, 0o644);
    await createSqliteStore(file).close();
    assert.equal(statSync(file).mode & 0o777, 0o600);
  } finally {
    process.umask(previous);
  }
});

test('sqlite: throttle counters are keyed hashes: a password typed into the username field is not kept', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'portcullis-')), 'test.db');
  const h = await harness({ store: createSqliteStore(file) });
  const typo = 'my-secret-passphrase-in-the-wrong-field';
  await h.request(endpoints.login, {
    body: { username: typo, password: 'whatever was typed here' },
    headers: { 'x-test-address': '192.0.2.44' },
  });
  await h.store.close();
  const raw = new Database(file, { readonly: true });
  const keys = (raw.prepare('SELECT key FROM attempts').all() as Array<{ key: string }>).map((row) => row.key);
  raw.close();
  assert.equal(keys.length, 2, 'one counter for the name, one for the address');
  for (const key of keys) assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(readFileSync(file).toString('latin1').includes(typo), false);
  assert.equal(readFileSync(file).toString('latin1').includes('192.0.2.44'), false);
});
