import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSecretBox } from '../crypto/secret-box.ts';
import { associatedDataOf } from '../domain/sealed-secrets.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createPostgresStore } from '../store/postgres/postgres-store.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { SealedOwner, Store } from '../store/store.ts';
import { harness, password, secretKey } from '../../test/support/harness.ts';
import { dropFreshSchemas, freshSchema, withoutPostgres } from '../../test/support/postgres.ts';
import { checkSecretKey } from './key-check.ts';
import { UsageError } from './usage-error.ts';

/**
 * #28 F2: `rotate-key` beside a running server. The database records the fingerprint of the key
 * its secrets are sealed with and changes it in the re-seal transaction; a value sealed with
 * any other key is refused, every linked secret's key is checked at start, and rotate-key
 * refuses while a server holds the database (a SQLite file another process has open, a
 * PostgreSQL instance lock).
 */

const bin = fileURLToPath(new URL('../../bin/portcullis-server.js', import.meta.url));
const oldKey = Buffer.from(secretKey).toString('hex');
const newKeyBytes = Buffer.alloc(32, 11);
const newKey = newKeyBytes.toString('hex');

after(dropFreshSchemas);

interface Database {
  db: string;
  open(): Store | Promise<Store>;
  /** Running on the database: how the server holds it (the key file beside a SQLite one). */
  env: Record<string, string | undefined>;
}

const databases: Array<[string, () => Promise<Database>, string | false]> = [
  [
    'SQLite',
    async () => {
      const db = join(mkdtempSync(join(tmpdir(), 'portcullis-data-key-')), 'accounts.db');
      writeFileSync(`${db}.key`, `${oldKey}\n`, { mode: 0o600 });
      return { db, open: () => createSqliteStore(db), env: { PORTCULLIS_SECRET_KEY: undefined } };
    },
    false,
  ],
  [
    'PostgreSQL',
    async () => {
      const db = await freshSchema();
      return { db, open: () => createPostgresStore(db), env: { PORTCULLIS_SECRET_KEY: oldKey } };
    },
    withoutPostgres,
  ],
];

function cli(args: string[], env: Record<string, string | undefined>) {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

/** A real server on the database, until `stop`. */
async function startServer(db: string, env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [bin, '--db', db, '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  for await (const line of createInterface({ input: child.stdout })) if (line.includes('running at')) break;
  assert.equal(child.exitCode, null, `the server did not start: ${errors}`);
  return {
    pid: child.pid!,
    stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill())),
  };
}

for (const [name, make, skip] of databases) {
  test(
    `${name}: F2: rotate-key refuses while a server holds the database, and changes nothing; once it stops, the rotation goes through`,
    { skip },
    async () => {
      const { db, open, env } = await make();
      const h = await harness({ store: await open() });
      await h.withMfa('alice');
      await h.store.close();
      const server = await startServer(db, env);
      const refused = cli(['rotate-key', '--db', db], { ...env, PORTCULLIS_NEW_SECRET_KEY: newKey });
      assert.equal(refused.status, 1, refused.err);
      assert.equal(refused.err.trim().split('\n').length, 1, refused.err);
      assert.match(
        refused.err,
        name === 'SQLite'
          ? new RegExp(
              `is open in another process \\(pid ${server.pid}\\): stop every server first; nothing was changed`,
            )
          : /a server is running on this database: stop every instance first; nothing was changed/,
      );
      await server.stop();
      const rotated = cli(['rotate-key', '--db', db], { ...env, PORTCULLIS_NEW_SECRET_KEY: newKey });
      assert.equal(rotated.status, 0, rotated.err);
      assert.match(rotated.out, /Re-sealed 1 secret \(TOTP secrets and token signing keys\)/);
      // The old key no longer starts a server; the new one does.
      const stale = cli(['--db', db, '--port', '0'], { PORTCULLIS_SECRET_KEY: oldKey });
      assert.equal(stale.status, 2);
      assert.match(stale.err, /does not open the TOTP secrets in this database \(1 of them: alice\)/);
      await (await startServer(db, { PORTCULLIS_SECRET_KEY: newKey })).stop();
    },
  );
}

const stores: Array<[string, () => Promise<{ running: Store; operator: Store }>, string | false]> = [
  [
    'memory',
    async () => {
      const store = createMemoryStore();
      return { running: store, operator: store };
    },
    false,
  ],
  [
    'SQLite',
    async () => {
      const db = join(mkdtempSync(join(tmpdir(), 'portcullis-data-key-')), 'accounts.db');
      return { running: createSqliteStore(db), operator: createSqliteStore(db) };
    },
    false,
  ],
  [
    'PostgreSQL',
    async () => {
      const url = await freshSchema();
      return { running: await createPostgresStore(url), operator: await createPostgresStore(url) };
    },
    withoutPostgres,
  ],
];

for (const [name, make, skip] of stores) {
  test(
    `${name}: F2: a server left on the old key after a rotation stores nothing sealed with it, and answers 503, not 500`,
    { skip },
    async () => {
      const { running, operator } = await make();
      const h = await harness({ store: running });
      const [oldBox, newBox] = await Promise.all([createSecretBox(secretKey), createSecretBox(newKeyBytes)]);
      await checkSecretKey(running, secretKey, 'the test');
      await h.withMfa('alice');
      await h.request(endpoints.setMfaEnabled, { token: await h.signIn('bob'), body: { enabled: true } });
      // Re-sealed behind the running server's back, as `rotate-key` does.
      const reseal = async (sealed: string, owner: SealedOwner) =>
        newBox.seal(await oldBox.open(sealed, associatedDataOf(owner)), associatedDataOf(owner));
      assert.equal(await operator.resealSecrets(reseal, { from: oldBox.fingerprint, to: newBox.fingerprint }), 1);

      const enrollment = await h.request(endpoints.login, { body: { username: 'bob', password, tokenType: 'bearer' } });
      assert.equal(enrollment.status, 503, enrollment.text);
      assert.equal(enrollment.body.code, 'unavailable');
      const aliceLogin = await h.request(endpoints.login, {
        body: { username: 'alice', password, tokenType: 'bearer' },
      });
      const code = await h.request(endpoints.completeMfa, {
        body: { challengeId: aliceLogin.body.challenge.id, code: await h.nextCode('alice') },
      });
      assert.equal(code.status, 503, `her secret, sealed with the new key, is not a 500: ${code.text}`);
      assert.ok(
        h.logs.some((line) => line.includes('the data key was rotated')),
        h.logs.join('\n'),
      );
      assert.ok(!h.logs.some((line) => line.includes('unexpected error')), h.logs.join('\n'));

      // Nothing was stored under the old key: a restart on the new key opens everything.
      assert.deepEqual(await operator.sealedSecretsNotUnder(newBox.fingerprint), []);
      await checkSecretKey(operator, newKeyBytes, 'the new key');
      await assert.rejects(checkSecretKey(operator, secretKey, 'the old key'), UsageError);
      assert.equal(
        await operator.resealSecrets(reseal, { from: oldBox.fingerprint, to: newBox.fingerprint }),
        'key_changed',
        'a second rotation from the old key changes nothing',
      );
      await running.close();
      if (operator !== running) await operator.close();
    },
  );
}

test(
  'PostgreSQL: F2: a running server holds the instance lock; re-sealing under it is refused and changes nothing',
  { skip: withoutPostgres },
  async () => {
    const url = await freshSchema();
    const [server, operator] = [await createPostgresStore(url), await createPostgresStore(url)];
    await server.holdInstanceLock();
    const box = await createSecretBox(secretKey);
    assert.equal(await operator.resealSecrets(async (s) => s, { from: box.fingerprint, to: 'ffff' }), 'in_use');
    assert.equal(
      await operator.adoptKeyFingerprint(box.fingerprint),
      box.fingerprint,
      'the recorded key did not change',
    );
    await server.close();
    assert.equal(await operator.resealSecrets(async (s) => s, { from: box.fingerprint, to: 'ffff' }), 0);
    await operator.close();
  },
);
