/**
 * #19: two `portcullis-server` processes on one PostgreSQL database. An API key made through one
 * works on the other, and once revoked through either it answers 401 on both, at once: keys are
 * read from the database on every request, never cached.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dropFreshSchemas, freshSchema, withoutPostgres } from '../../packages/server/test/support/postgres.ts';
import { call, password, startInstance, type Instance } from './instance.ts';

const skip = withoutPostgres;
let a: Instance;
let b: Instance;

before(async () => {
  if (skip) return;
  const db = await freshSchema();
  [a, b] = await Promise.all([startInstance(db), startInstance(db)]);
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await dropFreshSchemas();
});

test('a key made on A works on B; revoked on B, it answers 401 on A at once', { skip }, async () => {
  const login = await call(a, 'POST', '/login', { body: { username: 'demo-root', password, tokenType: 'bearer' } });
  assert.equal(login.status, 200);
  const made = await call(a, 'POST', '/org/api-keys', { token: login.body.token, body: { name: 'Provisioning' } });
  assert.equal(made.status, 201);
  const key = made.body.key as string;

  const users = await call(b, 'GET', '/org/users?limit=2', { token: key });
  assert.equal(users.status, 200);
  assert.deepEqual(
    users.body.items.map((u: { username: string }) => u.username),
    ['demo-alice', 'demo-bob'],
  );
  const created = await call(b, 'POST', '/org/users', {
    token: key,
    body: { username: 'carol', password: 'another long passphrase' },
  });
  assert.equal(created.status, 201);
  const me = await call(b, 'GET', '/me', { token: key });
  assert.deepEqual([me.status, me.body.code], [401, 'unauthenticated'], 'a key is no session');

  const revoked = await call(b, 'DELETE', `/org/api-keys/${made.body.id}`, { token: key });
  assert.equal(revoked.status, 204);
  for (const instance of [a, b]) {
    const refused = await call(instance, 'GET', '/org/policy', { token: key });
    assert.deepEqual([refused.status, refused.body.code], [401, 'unauthenticated']);
  }
  const events = await call(a, 'GET', '/org/events', { token: login.body.token });
  assert.deepEqual(
    events.body.items.slice(0, 3).map((e: { type: string; actor: { username: string } }) => [e.type, e.actor.username]),
    [
      ['api_key_revoked', `api_key:${made.body.id} (Provisioning)`],
      ['user_created', `api_key:${made.body.id} (Provisioning)`],
      ['api_key_created', 'demo-root'],
    ],
  );
});
