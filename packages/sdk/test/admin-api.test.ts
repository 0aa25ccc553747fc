import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createImportedHashVerifier } from '@portcullis/server/node';
import { isPortcullisError } from '../src/index.ts';
import { password, serverHarness } from './harness.ts';

// A bcrypt hash of "correct horse battery staple", made by python3-bcrypt (scripts/make-hash-vectors.py).
const bcryptHash = '$2b$10$5a5C.hcf6.EQCwNzSHa/K.6ywEMZqJDcvmvCOv6tOQfkFqKPUTUG.';

test('a backend with an API key: keys, users, import (with every bad row on a refusal), events; revoked, it is signed out', async () => {
  const h = await serverHarness({ importedHashes: createImportedHashVerifier() });
  const root = await h.signedIn('root-user');
  const made = await root.org.createApiKey({ name: 'HR sync' });
  assert.match(made.key, /^pcl_/);
  assert.deepEqual(
    (await root.org.apiKeys()).map((k) => k.name),
    ['HR sync'],
  );

  const admin = h.client({ token: made.key });
  const imported = await admin.org.importUsers([
    { username: 'carol', passwordHash: bcryptHash },
    { username: 'dave', password, mfaRequired: true },
  ]);
  assert.equal(imported.imported, 2);
  let refusal: unknown;
  await admin.org
    .importUsers([
      { username: 'erin', passwordHash: bcryptHash },
      { username: 'carol', passwordHash: bcryptHash },
      { username: 'frank', passwordHash: '$1$old$md5crypt' },
    ])
    .catch((error) => (refusal = error));
  assert.ok(isPortcullisError(refusal, 'invalid_request'));
  assert.deepEqual(
    refusal.rows.map((r) => [r.index, r.code]),
    [
      [1, 'conflict'],
      [2, 'unsupported_hash'],
    ],
  );

  const carol = h.client();
  assert.equal(
    (await carol.login({ username: 'carol', password: 'correct horse battery staple' })).status,
    'authenticated',
  );
  const users = [];
  for await (const user of admin.org.allUsers()) users.push([user.username, user.passwordUpgraded]);
  assert.deepEqual(users, [
    ['alice', true],
    ['bob', true],
    ['carol', true],
    ['dave', true],
    ['root-user', true],
  ]);
  const events = await admin.org.events({ limit: 5 });
  assert.equal(events.items.length, 5);

  let meRefused = false;
  await admin.me().catch((error) => (meRefused = isPortcullisError(error, 'unauthenticated')));
  assert.ok(meRefused, 'a key is no session');
  await admin.org.revokeApiKey(made.id);
  let revoked = false;
  await admin.org.users().catch((error) => (revoked = isPortcullisError(error, 'unauthenticated')));
  assert.ok(revoked);
});
