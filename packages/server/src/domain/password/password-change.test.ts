import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { harness, password } from '../../../test/support/harness.ts';

const fresh = 'another long passphrase here';

test('a password change needs the current password and ends every other session, not this one', async () => {
  const h = await harness();
  const here = await h.signIn('alice');
  const elsewhere = await h.signIn('alice');
  const reply = await h.request(endpoints.changePassword, {
    token: here,
    body: { currentPassword: password, newPassword: fresh },
  });
  assert.equal(reply.status, 204);
  assert.equal((await h.request(endpoints.me, { token: here })).status, 200);
  assert.equal((await h.request(endpoints.me, { token: elsewhere })).status, 401);
  assert.equal((await h.request(endpoints.login, { body: { username: 'alice', password } })).status, 400);
  assert.equal((await h.request(endpoints.login, { body: { username: 'alice', password: fresh } })).status, 200);
});

test('a wrong current password is refused at the field and counts as a failed attempt', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const reply = await h.request(endpoints.changePassword, {
      token,
      body: { currentPassword: 'wrong wrong wrong', newPassword: fresh },
    });
    statuses.push(reply.status);
    if (i === 0) {
      assert.equal(reply.body.code, 'invalid_credentials');
      assert.equal(reply.body.errors[0]!.path, 'currentPassword');
    }
  }
  assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
});

test('policy: 15 code points without MFA, 8 with; at least 64 accepted and never truncated', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const change = (currentPassword: string, newPassword: string) =>
    h.request(endpoints.changePassword, { token, body: { currentPassword, newPassword } });
  const short = await change(password, 'fourteen chars');
  assert.equal(short.body.code, 'password_policy');
  assert.deepEqual(
    short.body.errors.map((e: { code: string }) => e.code),
    ['too_short'],
  );
  assert.match(short.body.errors[0]!.message, /15/);
  assert.equal((await change(password, 'fifteen chars!!')).status, 204);

  const long = 'x'.repeat(99) + 'A';
  assert.equal((await change('fifteen chars!!', long)).status, 204);
  const truncated = await h.request(endpoints.login, { body: { username: 'alice', password: 'x'.repeat(99) + 'B' } });
  assert.equal(truncated.status, 400, 'a password differing only at character 100 is another password');
  assert.equal((await h.request(endpoints.login, { body: { username: 'alice', password: long } })).status, 200);
  assert.equal((await change(long, 'y'.repeat(257))).body.errors[0]!.code, 'too_long');

  // MFA switched on but nothing linked: the password is still the only factor, so 15.
  await h.request(endpoints.setMfaEnabled, { token, body: { enabled: true } });
  assert.equal((await change(long, 'eight ch')).body.errors[0]!.code, 'too_short');
});

test('policy: 8 code points while an authenticator is linked; length counts code points, not UTF-16 units', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  const change = (currentPassword: string, newPassword: string) =>
    h.request(endpoints.changePassword, { token, body: { currentPassword, newPassword } });
  assert.equal((await change(password, '😀😀😀😀😀😀😀')).body.errors[0]!.code, 'too_short');
  assert.equal((await change(password, '😀😀😀😀😀😀😀😀')).status, 204);
});

test('two concurrent password changes: one commits, the other is told conflict', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const [a, b] = await Promise.all([
    h.request(endpoints.changePassword, {
      token,
      body: { currentPassword: password, newPassword: 'first new passphrase' },
    }),
    h.request(endpoints.changePassword, {
      token,
      body: { currentPassword: password, newPassword: 'second new passphrase' },
    }),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [204, 409]);
  const loser = a.status === 409 ? a : b;
  assert.equal(loser.body.code, 'conflict');
  const winner = a.status === 204 ? 'first new passphrase' : 'second new passphrase';
  const other = a.status === 204 ? 'second new passphrase' : 'first new passphrase';
  assert.equal((await h.request(endpoints.login, { body: { username: 'alice', password: winner } })).status, 200);
  assert.equal((await h.request(endpoints.login, { body: { username: 'alice', password: other } })).status, 400);
});

test('a password change from a session that ended meanwhile is refused', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const other = await h.signIn('alice');
  const [changed, fromOther] = await Promise.all([
    h.request(endpoints.changePassword, {
      token,
      body: { currentPassword: password, newPassword: 'first new passphrase' },
    }),
    h.request(endpoints.changePassword, {
      token: other,
      body: { currentPassword: password, newPassword: 'second new passphrase' },
    }),
  ]);
  assert.deepEqual(
    [changed.status, fromOther.status].sort(),
    [204, 409],
    'the change that ended the other session wins; the other does not report success',
  );
});

test('policy: common passwords and ones containing the username are refused with the reason', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const common = await h.request(endpoints.changePassword, {
    token,
    body: { currentPassword: password, newPassword: 'passwordpassword' },
  });
  assert.deepEqual(
    common.body.errors.map((e: { code: string }) => e.code),
    ['common'],
  );
  const named = await h.request(endpoints.changePassword, {
    token,
    body: { currentPassword: password, newPassword: 'my name is ALICE, hello' },
  });
  assert.deepEqual(
    named.body.errors.map((e: { code: string }) => e.code),
    ['contains_username'],
  );
  assert.match(named.body.detail, /username/);
});

test('no composition rules: spaces and any script are fine', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  let current = password;
  for (const next of ['all lower case words here', 'пароль из кириллицы тоже', '   leading spaces count']) {
    const reply = await h.request(endpoints.changePassword, {
      token,
      body: { currentPassword: current, newPassword: next },
    });
    assert.equal(reply.status, 204, next);
    current = next;
  }
});
