import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { endpoints, type ImportUser } from '@portcullis/sdk/contract';
import { totpCode } from '../../crypto/totp.ts';
import { apiKeyFor } from '../../../test/support/api-keys.ts';
import { harness, password } from '../../../test/support/harness.ts';

/** Made by each format's own implementation: `scripts/make-hash-vectors.py`. */
const { vectors, wrongPassword } = JSON.parse(
  readFileSync(new URL('../../../test/support/hash-vectors/vectors.json', import.meta.url), 'utf8'),
) as { wrongPassword: string; vectors: Array<{ format: string; password: string; hash: string }> };
const bcryptHash = vectors[0]!.hash;
const vectorPassword = vectors[0]!.password;
const minute = 60_000;

test('imports a user per hash format; each signs in with the old password and is upgraded to our Argon2id', async () => {
  const h = await harness();
  const { key } = await apiKeyFor(h);
  const users = vectors.map((v, i) => ({ username: `legacy-${i}`, passwordHash: v.hash }));
  const reply = await h.request(endpoints.importUsers, { token: key, body: { users } });
  assert.equal(reply.status, 201, reply.text);
  assert.equal(reply.body.imported, vectors.length);
  assert.deepEqual(
    reply.body.users.map((u) => u.username),
    users.map((u) => u.username),
  );
  const listed = async () =>
    new Map(
      (await h.request(endpoints.orgUsers, { token: key, query: { q: 'legacy', limit: '100' } })).body.items.map(
        (u) => [u.username, u.passwordUpgraded],
      ),
    );
  assert.ok([...(await listed()).values()].every((upgraded) => upgraded === false));

  for (const [i, vector] of vectors.entries()) {
    const username = `legacy-${i}`;
    const wrong = await h.request(endpoints.login, { body: { username, password: wrongPassword } });
    assert.equal(wrong.body.code, 'invalid_credentials', vector.format);
    const login = await h.request(endpoints.login, { body: { username, password: vector.password } });
    assert.equal(login.body.status, 'authenticated', `${vector.format}: ${login.text}`);
    const stored = (await h.store.findUserByUsername(username))!;
    assert.match(stored.passwordHash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/, `${vector.format} was replaced`);
    assert.equal(stored.passwordSingleFactorOk, true, 'its length is noted at the sign-in');
    const again = await h.request(endpoints.login, { body: { username, password: vector.password } });
    assert.equal(again.body.status, 'authenticated', `${vector.format}: again, with our hash`);
  }
  assert.ok([...(await listed()).values()].every((upgraded) => upgraded === true));
  const events = (await h.request(endpoints.orgEvents, { token: key, query: { limit: '100' } })).body.items;
  const created = events.filter((e) => e.type === 'user_created' && e.reason === 'imported');
  assert.equal(created.length, vectors.length);
  assert.ok(created.every((e) => e.actor?.username.startsWith('api_key:')));
});

test('one bad row refuses the whole batch, and the answer lists every bad row with its code', async () => {
  const h = await harness();
  const { key } = await apiKeyFor(h);
  const eventsBefore = (await h.store.listEvents(h.orgId, null, 1000)).length;
  const users: ImportUser[] = [
    { username: 'good-one', passwordHash: bcryptHash },
    { username: 'Alice', passwordHash: bcryptHash },
    { username: 'bad-hash', passwordHash: '$2b$10$tooshort' },
    { username: 'md5-user', passwordHash: '$1$saltsalt$abcdefghijklmnopqrstuv' },
    { username: 'weak-one', password: 'password' },
    { username: 'x', password },
    { username: 'no-password' },
    { username: 'both', password, passwordHash: bcryptHash },
    { username: 'bad-totp', passwordHash: bcryptHash, totpSecret: 'not base32!' },
    { username: 'short-totp', passwordHash: bcryptHash, totpSecret: 'JBSWY3DPEHPK3PXP' },
    { username: 'good-one', passwordHash: bcryptHash },
    { username: 'costly', passwordHash: `$2b$31$${'a'.repeat(53)}` },
    { username: 'good-two', password },
  ];
  const reply = await h.request(endpoints.importUsers, { token: key, body: { users } });
  assert.equal(reply.status, 400, reply.text);
  assert.equal(reply.body.code, 'invalid_request');
  assert.match(reply.body.detail, /^11 of 13 rows cannot be imported; nothing was imported\.$/);
  assert.deepEqual(
    reply.body.rows.map((r) => [r.index, r.code]),
    [
      [1, 'conflict'],
      [2, 'invalid_hash'],
      [3, 'unsupported_hash'],
      [4, 'weak_password'],
      [5, 'invalid_username'],
      [6, 'password_required'],
      [7, 'password_required'],
      [8, 'invalid_totp_secret'],
      [9, 'invalid_totp_secret'],
      [10, 'conflict'],
      [11, 'invalid_hash'],
    ],
  );
  assert.ok(reply.body.rows.every((r) => r.detail.length > 0));
  assert.ok(!reply.text.includes(bcryptHash) && !reply.text.includes(password), 'no secret in the answer');
  for (const username of ['good-one', 'good-two', 'weak-one'])
    assert.equal(await h.store.findUserByUsername(username), null, `${username}: nothing was imported`);
  assert.equal((await h.store.listEvents(h.orgId, null, 1000)).length, eventsBefore, 'and nothing was logged');

  const conflicts = await h.request(endpoints.importUsers, {
    token: key,
    body: {
      users: [
        { username: 'bob', passwordHash: bcryptHash },
        { username: 'new-person', password },
      ],
    },
  });
  assert.deepEqual([conflicts.status, conflicts.body.code], [409, 'conflict'], 'only taken names: 409');
  assert.deepEqual(conflicts.body.rows, [{ index: 0, code: 'conflict', detail: 'The username bob is taken.' }]);
  assert.equal(await h.store.findUserByUsername('new-person'), null);
});

test('an authenticator comes along with its secret; mfaRequired sends the user to set one up; a password is hashed by us', async () => {
  const h = await harness();
  const { key } = await apiKeyFor(h);
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const reply = await h.request(endpoints.importUsers, {
    token: key,
    body: {
      users: [
        { username: 'with-app', passwordHash: bcryptHash, totpSecret: 'jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp' },
        { username: 'must-enroll', passwordHash: bcryptHash, mfaRequired: true },
        { username: 'plain', password },
      ],
    },
  });
  assert.equal(reply.status, 201, reply.text);
  const stored = (await h.store.findUserByUsername('with-app'))!;
  assert.ok(stored.totpSecretSealed && !stored.totpSecretSealed.includes(secret), 'sealed, never stored as given');

  const withApp = await h.request(endpoints.login, { body: { username: 'with-app', password: vectorPassword } });
  assert.equal(withApp.body.status, 'mfa_required');
  h.clock.advance(30_000);
  const done = await h.request(endpoints.completeMfa, {
    body: { challengeId: withApp.body.challenge.id, code: await totpCode(secret, h.clock.now()) },
  });
  assert.equal(done.body.status, 'authenticated', done.text);

  const enroll = await h.request(endpoints.login, { body: { username: 'must-enroll', password: vectorPassword } });
  assert.equal(enroll.body.status, 'mfa_setup_required');

  const plain = (await h.store.findUserByUsername('plain'))!;
  assert.match(plain.passwordHash, /^\$argon2id\$/);
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'plain', password } })).body.status,
    'authenticated',
  );
  const list = await h.request(endpoints.orgUsers, { token: key, query: { q: 'plain' } });
  assert.equal(list.body.items[0]?.passwordUpgraded, true, 'a password given in clear is ours from the start');
});

test('a root imports with recent re-authentication; a subuser cannot; batches are 1 to 1,000 rows, up to 2 MiB', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  const one = { users: [{ username: 'from-root', passwordHash: bcryptHash }] };
  assert.equal((await h.request(endpoints.importUsers, { token: root, body: one })).status, 201);
  h.clock.advance(11 * minute);
  const late = await h.request(endpoints.importUsers, {
    token: root,
    body: { users: [{ username: 'later', passwordHash: bcryptHash }] },
  });
  assert.equal(late.body.code, 'reauth_required');
  const alice = await h.signIn('alice');
  assert.equal((await h.request(endpoints.importUsers, { token: alice, body: one })).body.code, 'forbidden');

  const { key } = await apiKeyFor(h);
  const many = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      username: `bulk-${String(i).padStart(4, '0')}`,
      passwordHash: bcryptHash,
    }));
  assert.equal(
    (await h.request(endpoints.importUsers, { token: key, body: { users: [] } })).body.code,
    'invalid_request',
  );
  const over = await h.request(endpoints.importUsers, { token: key, body: { users: many(1001) } });
  assert.equal(over.body.code, 'invalid_request');
  assert.equal(over.body.errors[0]?.path, 'users');
  const full = await h.request(endpoints.importUsers, { token: key, body: { users: many(1000) } });
  assert.equal(full.status, 201, 'a thousand rows (about 100 KiB) pass the larger body limit');
  assert.equal(full.body.imported, 1000);
  const huge = await h.call('POST', '/org/users/import', {
    token: key,
    rawBody: JSON.stringify({ users: [{ username: 'huge', password: 'x'.repeat(3 * 1024 * 1024) }] }),
  });
  assert.deepEqual([huge.status, huge.body.code], [413, 'payload_too_large']);
  const elsewhere = await h.call('POST', '/org/users', {
    token: key,
    rawBody: JSON.stringify({ username: 'big', password: 'x'.repeat(100 * 1024) }),
  });
  assert.equal(elsewhere.status, 413, 'other endpoints keep 64 KiB');
});
