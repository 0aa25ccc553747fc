import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSecretBox } from '../crypto/secret-box.ts';
import { totpAssociatedData } from '../domain/sealed-secrets.ts';
import { createPostgresStore } from '../store/postgres/postgres-store.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { harness, password, secretKey } from '../../test/support/harness.ts';
import { operatorName } from './operator-name.ts';
import { dropFreshSchemas, freshSchema, withoutPostgres } from '../../test/support/postgres.ts';

const bin = fileURLToPath(new URL('../../bin/portcullis-server.js', import.meta.url));
const currentKey = Buffer.from(secretKey).toString('hex');
after(dropFreshSchemas);

interface Database {
  db: string;
  open(): Store | Promise<Store>;
}

const databases: Array<[string, () => Promise<Database>, string | false]> = [
  [
    'SQLite',
    async () => {
      const db = join(mkdtempSync(join(tmpdir(), 'portcullis-operator-')), 'accounts.db');
      return { db, open: () => createSqliteStore(db) };
    },
    false,
  ],
  [
    'PostgreSQL',
    async () => {
      const db = await freshSchema();
      return { db, open: () => createPostgresStore(db) };
    },
    withoutPostgres,
  ],
];

function cliAsync(db: string, args: string[]): Promise<{ status: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [bin, ...args, '--db', db], {
    env: { ...process.env, PORTCULLIS_SECRET_KEY: currentKey },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, out, err })));
}

function cli(db: string, args: string[], env: Record<string, string | undefined> = {}) {
  const run = spawnSync(process.execPath, [bin, ...args, '--db', db], {
    encoding: 'utf8',
    env: { ...process.env, PORTCULLIS_SECRET_KEY: currentKey, ...env },
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

for (const [name, make, skip] of databases) {
  test(
    `${name}: reset-mfa unlinks the authenticator and ends every session, with the operator and the reason in the log`,
    { skip },
    async () => {
      const { db, open } = await make();
      const h = await harness({ store: await open() });
      const token = await h.withMfa('alice');
      const other = await h.signIn('alice');
      const reset = cli(db, ['reset-mfa', '--username', 'Alice', '--reason', 'TICKET-4411 lost phone and codes']);
      assert.equal(reset.status, 0, reset.err);
      assert.match(reset.out, /Reset MFA of alice \(Acme\)/);
      const alice = (await h.store.getUser(h.users.alice!.id))!;
      assert.deepEqual([alice.totpSecretSealed, alice.mfaEnabled], [null, true], 'unlinked; the next sign-in enrolls');
      assert.equal(await h.store.countRecoveryCodes(alice.id), 0);
      for (const t of [token, other]) assert.equal((await h.request(endpoints.me, { token: t })).status, 401);
      const [event] = await h.store.listEvents(h.orgId, null, 1);
      assert.deepEqual(
        [event!.type, event!.actorUsername, event!.targetUsername, event!.reason],
        ['mfa_reset_by_operator', `operator:${operatorName(process.env)}`, 'alice', 'TICKET-4411 lost phone and codes'],
      );
      assert.equal(
        (await h.request(endpoints.login, { body: { username: 'alice', password } })).body.status,
        'mfa_setup_required',
      );

      for (const [args, message] of [
        [['reset-mfa', '--username', 'nobody', '--reason', 'x'], /no user named "nobody"/],
        [['reset-mfa', '--username', 'alice'], /--reason is required/],
        [['reset-mfa', '--username', 'alice', '--reason', 'two\nlines'], /one line/],
        [['revoke-sessions', '--reason', 'x'], /--username is required/],
        [['users', '--org', 'Nope'], /no organization named "Nope"/],
        [['events', '--since', 'soon'], /not a duration/],
        [['unlock', '--username', 'alice', '--bogus'], /Unknown option/],
      ] as const) {
        const run = cli(db, [...args]);
        assert.equal(run.status, 1, `${args.join(' ')}: ${run.err}`);
        assert.match(run.err, message);
        assert.equal(run.err.trim().split('\n').length, 1, 'one line');
      }
      await h.store.close();
    },
  );

  test(`${name}: revoke-sessions and unlock; users and events, as text and JSON lines`, { skip }, async () => {
    const { db, open } = await make();
    const h = await harness({ store: await open() });
    const tokens = [await h.signIn('bob'), await h.signIn('bob')];
    const revoked = cli(db, ['revoke-sessions', '--username', 'bob', '--reason', 'TICKET-7 laptop stolen']);
    assert.equal(revoked.status, 0, revoked.err);
    assert.match(revoked.out, /Ended 2 sessions of bob/);
    for (const token of tokens) assert.equal((await h.request(endpoints.me, { token })).status, 401);

    for (let i = 0; i < 6; i++)
      await h.request(endpoints.login, { body: { username: 'bob', password: 'not the password at all' } });
    assert.equal((await h.request(endpoints.login, { body: { username: 'bob', password } })).status, 429);
    const unlocked = cli(db, ['unlock', '--username', 'bob']);
    assert.equal(unlocked.status, 0, unlocked.err);
    assert.equal((await h.request(endpoints.login, { body: { username: 'bob', password } })).status, 200);

    const users = cli(db, ['users', '--org', 'Acme', '--json']);
    assert.equal(users.status, 0, users.err);
    const rows = users.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      rows.map((r) => [r.username, r.organization, r.role]),
      [
        ['alice', 'Acme', 'subuser'],
        ['bob', 'Acme', 'subuser'],
        ['root-user', 'Acme', 'root'],
      ],
    );
    assert.equal(rows[1].mfa.required, false);
    assert.match(
      cli(db, ['users']).out,
      /^USERNAME\s+ORGANIZATION\s+ROLE\s+MFA\s+LAST ACTIVE\nalice\s+Acme\s+subuser\s+off\s+never/m,
    );

    const events = cli(db, ['events', '--json', '--since', '1h']);
    assert.equal(events.status, 0, events.err);
    const lines = events.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const byOperator = lines.find((e) => e.type === 'sessions_revoked_by_operator');
    assert.deepEqual(
      [byOperator.target, byOperator.reason, byOperator.organization],
      ['bob', 'TICKET-7 laptop stolen', 'Acme'],
    );
    assert.ok(lines.some((e) => e.type === 'account_unlocked'));
    assert.match(
      cli(db, ['events']).out,
      /sessions_revoked_by_operator {2}operator:\S+ → bob {2}\(TICKET-7 laptop stolen\)/,
    );
    await h.store.close();
  });

  test(
    `${name}: rotate-key re-seals every secret, linked and pending, in one transaction; interrupted, it changes nothing`,
    { skip },
    async () => {
      const { db, open } = await make();
      const h = await harness({ store: await open() });
      await h.withMfa('alice');
      await h.request(endpoints.setMfaEnabled, { token: await h.signIn('bob'), body: { enabled: true } });
      const pending = await h.request(endpoints.login, { body: { username: 'bob', password, tokenType: 'bearer' } });
      assert.equal(pending.body.status, 'mfa_setup_required');
      const newKey = Buffer.alloc(32, 11).toString('hex');
      const [oldBox, newBox] = await Promise.all([createSecretBox(secretKey), createSecretBox(Buffer.alloc(32, 11))]);

      assert.match(cli(db, ['rotate-key']).err, /set PORTCULLIS_NEW_SECRET_KEY/);
      assert.match(
        cli(db, ['rotate-key'], { PORTCULLIS_NEW_SECRET_KEY: currentKey }).err,
        /the new key is the current key/,
      );
      // A secret that does not open with the current key stops the rotation: nothing changes.
      const alice = (await h.store.getUser(h.users.alice!.id))!;
      const before = alice.totpSecretSealed!;
      await h.store.createChallenge({
        idHash: 'broken',
        userId: h.users['root-user']!.id,
        kind: 'enroll',
        pendingSecretSealed: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA',
        tokenType: 'cookie',
        failures: 0,
        expiresAt: Date.now(),
        sessionHash: null,
        webauthnChallenge: null,
      });
      await h.store.close();
      const interrupted = cli(db, ['rotate-key'], { PORTCULLIS_NEW_SECRET_KEY: newKey });
      assert.equal(interrupted.status, 1);
      assert.match(interrupted.err, /does not open with the current key; nothing was changed/);
      const afterFailure = await open();
      assert.equal((await afterFailure.getUser(alice.id))!.totpSecretSealed, before, 'the old state is whole');
      await afterFailure.failChallenge('broken', 1);
      await afterFailure.close();

      const rotated = cli(db, ['rotate-key'], { PORTCULLIS_NEW_SECRET_KEY: newKey });
      assert.equal(rotated.status, 0, rotated.err);
      assert.match(rotated.out, /Re-sealed 2 secrets \(TOTP secrets and token signing keys\) with the new key/);
      const check = await open();
      const sealed = (await check.getUser(alice.id))!.totpSecretSealed!;
      const secret = await newBox.open(sealed, totpAssociatedData(alice.id));
      assert.equal(secret, h.secrets.get('alice'), 'the new key opens it, to the same secret');
      await assert.rejects(oldBox.open(sealed, totpAssociatedData(alice.id)), 'the old key opens nothing');
      await check.close();
    },
  );
}

test('a SQLite path with no database behind it is refused by every command, and nothing is left there', () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'portcullis-')), 'typo');
  const db = join(folder, 'portcullis.db');
  for (const args of [
    ['users'],
    ['events'],
    ['unlock', '--username', 'alice'],
    ['reset-mfa', '--username', 'alice', '--reason', 'x'],
    ['rotate-key'],
    ['backup', '--to', join(folder, '..', 'copy.db')],
  ]) {
    const run = cli(db, args, { PORTCULLIS_NEW_SECRET_KEY: 'ab'.repeat(32) });
    assert.equal(run.status, 1, `${args[0]}: ${run.err}`);
    assert.equal(run.err.trim(), `portcullis-server: ${args[0]}: no database at ${db}`);
  }
  assert.equal(existsSync(folder), false, 'no folder, database or key was made');
});

test('backup: an online, consistent copy of SQLite, readable by its owner only; PostgreSQL is told to use pg_dump', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-backup-'));
  const db = join(dir, 'accounts.db');
  const h = await harness({ store: createSqliteStore(db) });
  await h.withMfa('alice');
  // The server keeps writing while the copy is made in another process.
  let copying = true;
  const writing = (async () => {
    while (copying) await h.signIn('bob');
  })();
  const to = join(dir, 'copy.db');
  const copy = await cliAsync(db, ['backup', '--to', to]);
  copying = false;
  await writing;
  assert.equal(copy.status, 0, copy.err);
  assert.match(copy.out, /Backed up .* consistent as of now/);
  assert.equal(statSync(to).mode & 0o777, 0o600);
  const restored = createSqliteStore(to);
  assert.equal(
    (await restored.findUserByUsername('alice'))!.totpSecretSealed,
    (await h.store.findUserByUsername('alice'))!.totpSecretSealed,
  );
  await restored.close();
  assert.match(cli(db, ['backup', '--to', to]).err, /exists or cannot be created/, 'never overwrites');
  const onPostgres = cli('postgres://someone@127.0.0.1:1/accounts', ['backup', '--to', join(dir, 'pg.db')]);
  assert.equal(onPostgres.status, 1);
  assert.match(onPostgres.err, /use pg_dump/);
  await h.store.close();
});

test('A4: a SUDO_USER that is not a login name is refused before anything changes; events are printed with control characters escaped', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'portcullis-actor-')), 'accounts.db');
  const h = await harness({ store: createSqliteStore(db) });
  await h.withMfa('alice');
  const forged = 'root\n2026-01-01T00:00:00.000Z  Acme  mfa_reset_by_operator  operator:ceo → alice';
  for (const sudo of [forged, 'evil\u001b[2J', 'x'.repeat(65), 'two words']) {
    const run = cli(db, ['reset-mfa', '--username', 'alice', '--reason', 'TICKET-1'], { SUDO_USER: sudo });
    assert.equal(run.status, 1, JSON.stringify(sudo));
    assert.match(run.err, /^portcullis-server: SUDO_USER is not a login name/);
    assert.equal(run.err.trim().split('\n').length, 1);
  }
  assert.notEqual((await h.store.getUser(h.users.alice!.id))!.totpSecretSealed, null, 'nothing was reset');
  // Debian's `nobody` (uid 65534) stands in for the account behind sudo; a name without its
  // SUDO_UID, or with another uid, is not believed (F3), and the real uid is always recorded.
  assert.equal(
    cli(db, ['revoke-sessions', '--username', 'alice', '--reason', 'TICKET-2'], {
      SUDO_USER: 'nobody',
      SUDO_UID: '65534',
    }).status,
    0,
  );
  assert.equal(
    cli(db, ['revoke-sessions', '--username', 'alice', '--reason', 'TICKET-3'], {
      SUDO_USER: 'nobody',
      SUDO_UID: undefined,
    }).status,
    0,
  );
  assert.equal(
    cli(db, ['revoke-sessions', '--username', 'alice', '--reason', 'TICKET-4'], { SUDO_USER: 'nobody', SUDO_UID: '1' })
      .status,
    0,
  );

  // A line written before this check (or by another tool) still cannot drive the terminal.
  await h.store.appendEvent({
    orgId: h.orgId,
    type: 'account_unlocked',
    at: Date.now(),
    actorId: 'operator',
    actorUsername: 'operator:x\u001b]0;pwned\u0007\nfake line\u009b2J\u202e',
    targetId: null,
    targetUsername: null,
    clientAddress: null,
    reason: null,
  });
  const text = cli(db, ['events']).out;
  const uid = process.getuid!();
  const own = `operator:${userInfo().username}/uid=${uid}`;
  assert.match(text, new RegExp(`operator:nobody/uid=${uid} → alice {2}\\(TICKET-2\\)`));
  for (const ticket of ['TICKET-3', 'TICKET-4'])
    assert.ok(text.includes(`${own} → alice  (${ticket})`), `${ticket}:\n${text}`);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;
  assert.doesNotMatch(text, raw, 'no raw control character but the line ends');
  assert.match(text, /operator:x\\u\{1b\}\]0;pwned\\u\{7\}\\u\{a\}fake line\\u\{9b\}2J\\u\{202e\}/);
  const json = cli(db, ['events', '--json']).out;
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  assert.doesNotMatch(json, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  const parsed = json
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.ok(
    parsed.some((e) => e.actor === 'operator:x\u001b]0;pwned\u0007\nfake line\u009b2J\u202e'),
    'the JSON still carries the exact text',
  );
  await h.store.close();
});

for (const [name, make, skip] of databases) {
  test(
    `${name}: create-api-key prints the key once, on standard output alone; it works on the admin API`,
    { skip },
    async () => {
      const { db, open } = await make();
      const h = await harness({ store: await open() });
      const byName = cli(db, ['create-api-key', '--org', 'Acme', '--name', 'Deploy script', '--expires-in', '90d']);
      assert.equal(byName.status, 0, byName.err);
      const key = byName.out.trim();
      assert.match(key, /^pcl_[A-Za-z0-9_-]{43}$/, 'the key alone, for a script to capture');
      assert.match(byName.err, /Created API key key_\S+ "Deploy script" for Acme, valid until .*shown once/);
      const users = await h.request(endpoints.orgUsers, { token: key });
      assert.equal(users.status, 200, users.text);
      const [listed] = await h.store.listApiKeys(h.orgId);
      assert.ok(listed && listed.expiresAt !== null && listed.keyHash !== key);
      const [event] = await h.store.listEvents(h.orgId, null, 1);
      assert.deepEqual(
        [event?.type, event?.actorUsername, event?.targetUsername],
        ['api_key_created', `operator:${operatorName(process.env)}`, `api_key:${listed.id} (Deploy script)`],
      );
      const byId = cli(db, ['create-api-key', '--org', h.orgId, '--name', 'Second']);
      assert.equal(byId.status, 0, byId.err);
      assert.equal((await h.store.listApiKeys(h.orgId)).length, 2);

      for (const [args, message] of [
        [['create-api-key', '--org', 'Nope', '--name', 'x'], /no organization "Nope"/],
        [['create-api-key', '--org', 'Acme'], /--name is required/],
        [['create-api-key', '--name', 'x'], /--org is required/],
        [['create-api-key', '--org', 'Acme', '--name', 'two\nlines'], /one line/],
        [['create-api-key', '--org', 'Acme', '--name', 'x', '--expires-in', 'later'], /not a duration/],
      ] as const) {
        const run = cli(db, [...args]);
        assert.equal(run.status, 1, `${args.join(' ')}: ${run.err}`);
        assert.match(run.err, message);
        assert.equal(run.out, '', 'no key printed');
      }
      assert.equal((await h.store.listApiKeys(h.orgId)).length, 2, 'nothing made by the refused ones');
      await h.store.close();
    },
  );
}

for (const [name, make, skip] of databases) {
  test(
    `${name}: import-users streams a 20,000-line file in batches with progress; a bad batch names its lines; --skip-existing resumes`,
    { skip },
    async () => {
      const { db, open } = await make();
      const h = await harness({ store: await open() });
      const dir = mkdtempSync(join(tmpdir(), 'portcullis-import-'));
      const bcrypt = '$2b$10$5a5C.hcf6.EQCwNzSHa/K.6ywEMZqJDcvmvCOv6tOQfkFqKPUTUG.';
      const row = (i: number) =>
        JSON.stringify(
          i % 2000 === 7
            ? { username: `member-${i}`, password: 'an imported long passphrase' }
            : { username: `member-${i}`, passwordHash: bcrypt, ...(i % 10 === 0 ? { mfaRequired: true } : {}) },
        );
      const file = join(dir, 'users.jsonl');
      writeFileSync(file, `${Array.from({ length: 20_000 }, (_, i) => row(i)).join('\n')}\n`);

      const run = cli(db, ['import-users', '--org', 'Acme', file]);
      assert.equal(run.status, 0, run.err);
      assert.match(run.out, /^Imported 20,000 users into Acme in [\d.]+ s, [\d,]+ users\/s\.\n$/);
      const progress = run.err.trim().split('\n');
      assert.equal(progress.length, 20, 'a progress line per batch of 1,000');
      assert.match(progress.at(-1)!, /^imported 20,000 \(through line 20,000, [\d,]+ users\/s\)$/);
      assert.equal((await h.store.takenUsernames(['member-0', 'member-19999', 'member-7'])).length, 3);
      assert.equal((await h.store.findUserByUsername('member-10'))?.mfaEnabled, true);
      assert.equal((await h.store.findUserByUsername('member-7'))?.passwordHash.startsWith('$argon2id$'), true);
      const [event] = await h.store.listEvents(h.orgId, null, 1);
      assert.deepEqual(
        [event?.type, event?.actorUsername, event?.reason],
        ['user_created', `operator:${operatorName(process.env)}`, 'imported'],
      );
      const signIn = await h.request(endpoints.login, {
        body: { username: 'member-1', password: 'correct horse battery staple' },
      });
      assert.equal(signIn.body.status, 'authenticated', 'an imported bcrypt user signs in');

      // A file that stops halfway: the batches before stay, the bad one names its lines.
      const second = join(dir, 'more.jsonl');
      const more = Array.from({ length: 2500 }, (_, i) =>
        JSON.stringify({ username: `later-${i}`, passwordHash: bcrypt }),
      );
      more[1500] = JSON.stringify({ username: 'later-1500', passwordHash: '$1$old$md5crypt' });
      more[1700] = JSON.stringify({ username: 'member-3', passwordHash: bcrypt });
      writeFileSync(second, `${more.join('\n')}\n`);
      const stopped = cli(db, ['import-users', '--org', h.orgId, second]);
      assert.equal(stopped.status, 1);
      assert.match(stopped.err, /lines 1001–2000 were refused \(nothing of them imported; 1000 imported before\)/);
      assert.match(stopped.err, /line 1501: unsupported_hash: /);
      assert.match(stopped.err, /line 1701: conflict: The username member-3 is taken\./);
      assert.equal(await h.store.findUserByUsername('later-1000'), null);
      assert.ok(await h.store.findUserByUsername('later-999'));

      more[1500] = JSON.stringify({ username: 'later-1500', passwordHash: bcrypt });
      more[1700] = JSON.stringify({ username: 'later-1700', passwordHash: bcrypt });
      writeFileSync(second, `${more.join('\n')}\n`);
      const resumed = cli(db, ['import-users', '--org', 'Acme', second, '--skip-existing']);
      assert.equal(resumed.status, 0, resumed.err);
      assert.match(resumed.out, /^Imported 1,500 users into Acme \(skipped 1,000 that exist already\)/);

      for (const [args, message] of [
        [['import-users', '--org', 'Acme'], /name one file/],
        [['import-users', '--org', 'Acme', join(dir, 'missing.jsonl')], /no file at/],
        [['import-users', file], /--org is required/],
      ] as const) {
        const refused = cli(db, [...args]);
        assert.equal(refused.status, 1, `${args.join(' ')}: ${refused.err}`);
        assert.match(refused.err, message);
      }
      writeFileSync(join(dir, 'broken.jsonl'), '{"username":"ok-1","passwordHash":"x"}\nnot json\n');
      const broken = cli(db, ['import-users', '--org', 'Acme', join(dir, 'broken.jsonl')]);
      assert.equal(broken.status, 1);
      assert.match(broken.err, /line 2 is not JSON/);
      await h.store.close();
    },
  );
}
