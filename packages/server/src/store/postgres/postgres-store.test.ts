import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { after, test } from 'node:test';
import pg from 'pg';
import { throttleRule } from '../../domain/throttle.ts';
import { harness, password } from '../../../test/support/harness.ts';
import { dropFreshSchemas, freshSchema, withoutPostgres } from '../../../test/support/postgres.ts';
import { storeSuite } from '../../../test/store-suite/index.ts';
import { event, org, t0, user } from '../../../test/store-suite/fixtures.ts';
import { SchemaTooNewError, StoreUnavailableError } from '../store.ts';
import { describeDatabase } from './postgres-database.ts';
import { postgresMigrations } from './postgres-migrations.ts';
import { createPostgresStore } from './postgres-store.ts';

const skip = withoutPostgres;
after(dropFreshSchemas);

storeSuite('postgres', async () => createPostgresStore(await freshSchema()), { skip });

test('postgres: the whole login flow, with MFA and replay protection, on a real database', { skip }, async () => {
  const h = await harness({ store: await createPostgresStore(await freshSchema()) });
  await h.withMfa('alice');
  const code = await h.nextCode('alice');
  const logins = await Promise.all(
    [0, 1].map(() => h.request(endpoints.login, { body: { username: 'alice', password } })),
  );
  const replies = await Promise.all(
    logins.map((login) => h.request(endpoints.completeMfa, { body: { challengeId: login.body.challenge.id, code } })),
  );
  assert.deepEqual(replies.map((r) => r.status).sort(), [200, 400], 'one code, one sign-in');
  await h.store.close();
});

test(
  'postgres: two instances (two pools on one database) racing on one row: one TOTP step, one challenge, the throttle limit',
  { skip },
  async () => {
    const url = await freshSchema();
    const [a, b] = await Promise.all([createPostgresStore(url), createPostgresStore(url)]);
    await a.createOrganization(org('org_a'), user('usr_a', 'alice', 'org_a', 'root'));
    for (let round = 0; round < 5; round++) {
      const claims = await Promise.all([
        a.claimTotpStep('usr_a', 100 + round),
        b.claimTotpStep('usr_a', 100 + round),
        a.claimTotpStep('usr_a', 100 + round),
      ]);
      assert.equal(claims.filter(Boolean).length, 1, `step ${100 + round}`);
    }
    const reservations = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).reserveAttempt('shared-key', t0, throttleRule)),
    );
    assert.equal(
      reservations.filter((r) => r.allowed).length,
      throttleRule.freeAttempts,
      'the limit holds across instances',
    );
    await a.createChallenge({
      idHash: 'ch',
      userId: 'usr_a',
      kind: 'mfa',
      pendingSecretSealed: null,
      tokenType: 'bearer',
      failures: 0,
      expiresAt: t0 + 1000,
      sessionHash: null,
      webauthnChallenge: null,
    });
    const session = (hash: string) => ({
      tokenHash: hash,
      id: `ses_${hash}`,
      userId: 'usr_a',
      createdAt: t0,
      lastSeenAt: t0,
      expiresAt: t0 + 1000,
      reauthAt: t0,
      reauthSecondFactor: true,
      mfaPassed: true,
      amr: ['pwd'],
      userAgent: null,
      clientAddress: null,
    });
    const event = {
      orgId: 'org_a',
      type: 'login_succeeded' as const,
      at: t0,
      actorId: null,
      actorUsername: null,
      targetId: null,
      targetUsername: null,
      clientAddress: null,
      reason: null,
    };
    const finished = await Promise.all([
      a.finishChallenge('ch', session('s1'), event),
      b.finishChallenge('ch', session('s2'), event),
    ]);
    assert.deepEqual(finished.sort(), [false, true]);
    await Promise.all([a.close(), b.close()]);
  },
);

test(
  'postgres: statements are prepared once per connection, and survive another instance changing a table under them',
  { skip },
  async () => {
    const url = await freshSchema();
    const store = await createPostgresStore(url);
    await store.createOrganization(org('org_a'), user('usr_a', 'alice', 'org_a', 'root'));
    assert.equal((await store.getOrganization('org_a'))?.id, 'org_a');
    // Another instance's migration adds a column: `SELECT *`, prepared before, now answers
    // another shape, which PostgreSQL refuses for a prepared statement (0A000).
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('ALTER TABLE organizations ADD COLUMN later_feature INTEGER');
      assert.equal((await store.getOrganization('org_a'))?.id, 'org_a', 'outside a transaction');
      await other.query('ALTER TABLE organizations ADD COLUMN another_feature INTEGER');
      const policy = { enforceMfa: true, mfaDeadline: null, phishingResistant: false };
      const set = await store.setOrgPolicy('org_a', policy, t0 + 1, () => event('org_policy_changed'), null);
      assert.ok(set !== 'no_root_passkey' && set.enforceMfa, 'inside a transaction, run again from the start');
    } finally {
      await other.end();
      await store.close();
    }
  },
);

test('postgres: instances started together on an empty database migrate it exactly once', { skip }, async () => {
  const url = await freshSchema();
  const stores = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore(url)));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
  assert.deepEqual(
    rows.map((r) => r.version),
    postgresMigrations.map((_, i) => i + 1),
  );
  await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [
    postgresMigrations.length + 1,
  ]);
  await client.end();
  await Promise.all(stores.map((s) => s.close()));
  await assert.rejects(
    createPostgresStore(url),
    (error) => error instanceof SchemaTooNewError && /newer than this portcullis-server knows/.test(error.message),
  );
});

test(
  'postgres: an unreachable database is StoreUnavailableError within the connect timeout, and its URL is told without the password',
  { skip },
  async () => {
    const started = performance.now();
    await assert.rejects(
      createPostgresStore('postgres://someone:hunter2@127.0.0.1:1/nothing', { connectTimeoutMs: 1000 }),
      StoreUnavailableError,
    );
    assert.ok(performance.now() - started < 3000);
    assert.equal(
      describeDatabase('postgres://someone:hunter2@db.example:5433/accounts?sslmode=require'),
      'postgres://someone@db.example:5433/accounts',
    );
  },
);
