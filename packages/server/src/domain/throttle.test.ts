import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { harness, password } from '../../test/support/harness.ts';
import { addressRule, throttleRule } from './throttle.ts';

const wrong = 'this is not the password';

test('failed passwords back off after five, with 429 and Retry-After, and a success clears them', async () => {
  const h = await harness();
  const statuses: number[] = [];
  for (let i = 0; i < throttleRule.freeAttempts + 1; i++) {
    statuses.push((await h.request(endpoints.login, { body: { username: 'alice', password: wrong } })).status);
  }
  assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
  const limited = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.equal(limited.status, 429, 'even the right password waits');
  assert.equal(limited.body.code, 'rate_limited');
  assert.equal(limited.headers.get('retry-after'), String(limited.body.retryAfter));
  assert.ok(limited.body.retryAfter >= 1);
  h.clock.advance(limited.body.retryAfter * 1000);
  assert.equal((await h.request(endpoints.login, { body: { username: 'alice', password } })).status, 200);
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'alice', password: wrong } })).status,
    400,
    'counter was reset',
  );
});

test('parallel guesses cannot exceed the limit: attempts are counted before the hash is checked', async () => {
  const h = await harness();
  const replies = await Promise.all(
    Array.from({ length: 20 }, () => h.request(endpoints.login, { body: { username: 'alice', password: wrong } })),
  );
  const checked = replies.filter((r) => r.status === 400).length;
  assert.equal(checked, throttleRule.freeAttempts);
  assert.equal(replies.filter((r) => r.status === 429).length, 20 - throttleRule.freeAttempts);
});

test('delays double, and the account locks for an hour at 20 failures, well below 100', async () => {
  const h = await harness();
  const waits: number[] = [];
  let failures = 0;
  while (failures < throttleRule.lockAfter) {
    const reply = await h.request(endpoints.login, { body: { username: 'alice', password: wrong } });
    if (reply.status === 429) {
      waits.push(reply.body.retryAfter);
      h.clock.advance(reply.body.retryAfter * 1000);
    } else {
      assert.equal(reply.status, 400);
      failures++;
    }
  }
  const locked = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.equal(locked.status, 429);
  assert.equal(locked.body.retryAfter, 3600);
  assert.deepEqual(waits.slice(0, 6), [1, 2, 4, 8, 16, 32], 'waits start after five free attempts');
  assert.ok(
    waits.every((w) => w <= 900),
    'delays cap at 15 minutes before the lock',
  );
  assert.ok(throttleRule.lockAfter < 100);
});

test('a new login does not reset the code counter; codes and passwords count separately', async () => {
  const h = await harness();
  await h.withMfa('alice');
  const outcomes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
    assert.equal(login.status, 200, 'passwords are not throttled by wrong codes');
    for (let j = 0; j < 2; j++) {
      const reply = await h.request(endpoints.completeMfa, {
        body: { challengeId: login.body.challenge.id, code: '000000' },
      });
      outcomes.push(reply.body.code);
    }
  }
  assert.deepEqual(outcomes, [
    'invalid_code',
    'invalid_code',
    'invalid_code',
    'invalid_code',
    'invalid_code',
    'rate_limited',
  ]);
});

test('wrong recovery codes are throttled like TOTP codes', async () => {
  const h = await harness();
  await h.withMfa('alice');
  const statuses: number[] = [];
  for (let i = 0; i < 2; i++) {
    const login = await h.request(endpoints.login, { body: { username: 'alice', password } });
    for (let j = 0; j < 3; j++) {
      statuses.push(
        (
          await h.request(endpoints.completeMfa, {
            body: { challengeId: login.body.challenge.id, code: 'AAAA-BBBB-CCCC-DDDD' },
          })
        ).status,
      );
    }
  }
  assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
});

test('one client address cannot spray guesses over many accounts: it is paced beside the per-account counters', async () => {
  const h = await harness();
  const from = (address: string) => ({ 'x-test-address': address });
  const statuses: number[] = [];
  for (let i = 0; i <= addressRule.freeAttempts; i++) {
    const reply = await h.request(endpoints.login, {
      body: { username: `guess-${i}`, password: wrong },
      headers: from('203.0.113.5'),
    });
    statuses.push(reply.status);
  }
  assert.deepEqual(statuses.slice(0, addressRule.freeAttempts), Array(addressRule.freeAttempts).fill(400));
  assert.equal(statuses.at(-1), 429, 'the address waits although each username was new');
  const blocked = await h.request(endpoints.login, {
    body: { username: 'alice', password },
    headers: from('203.0.113.5'),
  });
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.headers.get('retry-after')) >= 1);
  assert.equal(
    (await h.request(endpoints.login, { body: { username: 'alice', password }, headers: from('198.51.100.1') })).status,
    200,
    'other addresses are not affected',
  );
});

test('successful sign-ins from a shared address give their attempt back, so an office is not paced for working', async () => {
  const h = await harness();
  for (let i = 0; i < addressRule.freeAttempts + 5; i++) {
    const reply = await h.request(endpoints.login, {
      body: { username: 'alice', password },
      headers: { 'x-test-address': '192.0.2.10' },
    });
    assert.equal(reply.status, 200, `sign-in ${i + 1}`);
  }
});

test('wrong codes are paced per client address as well, across accounts', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  const usernames = Array.from({ length: 11 }, (_, i) => `spray-${i}`);
  for (const username of usernames) {
    assert.equal((await h.request(endpoints.createUser, { token: root, body: { username, password } })).status, 201);
    await h.withMfa(username);
  }
  const statuses: number[] = [];
  for (let i = 0; i <= addressRule.freeAttempts; i++) {
    const login = await h.request(endpoints.login, { body: { username: usernames[i % usernames.length], password } });
    const reply = await h.request(endpoints.completeMfa, {
      body: { challengeId: login.body.challenge.id, code: '000000' },
      headers: { 'x-test-address': '203.0.113.77' },
    });
    statuses.push(reply.status);
  }
  assert.deepEqual(
    statuses.slice(0, addressRule.freeAttempts),
    Array(addressRule.freeAttempts).fill(400),
    'no account reached its own limit',
  );
  assert.equal(statuses.at(-1), 429);
});

test('A6: an IPv6 client is counted by its /64, and an IPv4-mapped address as the IPv4 one', async () => {
  const h = await harness();
  const guess = (i: number, address: string) =>
    h.request(endpoints.login, {
      body: { username: `guess-${i}`, password: wrong },
      headers: { 'x-test-address': address },
    });
  // A fresh address from the same /64 for every guess.
  for (let i = 0; i < addressRule.freeAttempts; i++)
    assert.equal((await guess(i, `2001:db8:5:6::${(i + 1).toString(16)}`)).status, 400);
  assert.equal((await guess(99, '2001:db8:5:6:ffff:ffff:ffff:ffff')).status, 429, 'the whole /64 waits');
  assert.equal((await guess(100, '2001:db8:5:7::1')).status, 400, 'the next /64 does not');

  for (let i = 0; i < addressRule.freeAttempts; i++)
    assert.equal((await guess(200 + i, i % 2 ? '198.51.100.20' : '::ffff:198.51.100.20')).status, 400);
  assert.equal((await guess(300, '[::ffff:198.51.100.20]:5555')).status, 429, 'one IPv4 client, however it is written');
  const events = await h.store.listEvents(h.orgId, null, 10);
  assert.ok(events.every((e) => e.clientAddress === null || !e.clientAddress.startsWith('::ffff:')));
});

test('correct sign-ins are not throttled: one after another without end, and up to five of one account at once', async () => {
  const h = await harness();
  for (let i = 0; i < 3 * throttleRule.lockAfter; i++) {
    const reply = await h.request(endpoints.login, { body: { username: 'alice', password } });
    assert.equal(reply.status, 200, `sign-in ${i + 1} in a row`);
  }
  const together = await Promise.all(
    Array.from({ length: throttleRule.freeAttempts }, () =>
      h.request(endpoints.login, { body: { username: 'alice', password } }),
    ),
  );
  assert.deepEqual(
    together.map((r) => r.status),
    Array.from({ length: throttleRule.freeAttempts }, () => 200),
  );
  // The documented limit (SECURITY.md): a password is counted before it is checked, so more
  // checks of one account at once than the free attempts are refused like guesses would be.
  const burst = await Promise.all(
    Array.from({ length: throttleRule.freeAttempts + 2 }, () =>
      h.request(endpoints.login, { body: { username: 'alice', password } }),
    ),
  );
  assert.equal(burst.filter((r) => r.status === 200).length, throttleRule.freeAttempts);
  assert.equal(burst.filter((r) => r.status === 429).length, 2);
  assert.equal((await h.request(endpoints.login, { body: { username: 'alice', password } })).status, 200);
});
