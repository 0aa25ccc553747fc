import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import { newToken, tokenHash } from '../../crypto/tokens.ts';
import { harness, password } from '../../../test/support/harness.ts';
import { registerPasskey } from '../../../test/support/passkeys.ts';

/**
 * Security rule 18a (#28 F1): a session is only as strong as the sign-in that made it. Someone
 * who learnt the password signed in while MFA was off; the owner then protects the account.
 */

const fresh = 'another perfectly long passphrase';
const minute = 60_000;

test('F1: turning MFA on ends the password-only sessions of others; the one that turned it on stays', async () => {
  const h = await harness();
  const attacker = await h.signIn('alice');
  const owner = await h.signIn('alice');
  assert.equal((await h.request(endpoints.setMfaEnabled, { token: owner, body: { enabled: true } })).status, 200);
  assert.equal((await h.request(endpoints.me, { token: attacker })).status, 401);
  const takeover = await h.request(endpoints.changePassword, {
    token: attacker,
    body: { currentPassword: password, newPassword: fresh },
  });
  assert.equal(takeover.status, 401, 'the attacker cannot change the password any more');
  assert.equal((await h.request(endpoints.me, { token: owner })).status, 200);
});

test('F1: linking a first passkey ends the password-only sessions of others', async () => {
  const h = await harness();
  const attacker = await h.signIn('alice');
  const owner = await h.signIn('alice');
  const { reply } = await registerPasskey(h, owner, 'Laptop');
  assert.equal(reply.status, 200, reply.text);
  assert.equal((await h.request(endpoints.me, { token: attacker })).status, 401);
  assert.equal((await h.request(endpoints.me, { token: owner })).status, 200);
});

test('F1: once a factor is linked, a password change needs a recent second factor; the current password is still asked', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  h.clock.advance(11 * minute);
  const stale = await h.request(endpoints.changePassword, {
    token,
    body: { currentPassword: password, newPassword: fresh },
  });
  assert.equal(stale.body.code, 'reauth_required', stale.text);
  assert.deepEqual(
    stale.body.errors.map((e: { path: string }) => e.path),
    ['password', 'code'],
  );
  assert.equal(
    (await h.request(endpoints.reauthenticate, { token, body: { password } })).body.secondFactor,
    false,
    'the password alone is not a second factor',
  );
  const passwordOnly = await h.request(endpoints.changePassword, {
    token,
    body: { currentPassword: password, newPassword: fresh },
  });
  assert.equal(passwordOnly.body.code, 'reauth_required');
  const reauth = await h.request(endpoints.reauthenticate, {
    token,
    body: { password, code: await h.nextCode('alice') },
  });
  assert.equal(reauth.status, 200, reauth.text);
  const wrongCurrent = await h.request(endpoints.changePassword, {
    token,
    body: { currentPassword: 'not the password at all', newPassword: fresh },
  });
  assert.equal(wrongCurrent.body.code, 'invalid_credentials', 'the current password is still checked');
  assert.equal(
    (await h.request(endpoints.changePassword, { token, body: { currentPassword: password, newPassword: fresh } }))
      .status,
    204,
  );
});

test('F1: without a factor, a recent sign-in still changes the password with the password alone', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  assert.equal(
    (await h.request(endpoints.changePassword, { token, body: { currentPassword: password, newPassword: fresh } }))
      .status,
    204,
  );
});

test('F1: a session that never passed a second factor is refused while the user has one (a session left from before the rule)', async () => {
  const h = await harness();
  await h.withMfa('alice');
  const token = newToken({ bytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)) });
  const now = h.clock.now();
  const record = {
    tokenHash: tokenHash(token),
    id: 'ses_old',
    userId: h.users.alice!.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + 86_400_000,
    reauthAt: now,
    reauthSecondFactor: false,
    mfaPassed: false,
    amr: ['pwd'],
    userAgent: null,
    clientAddress: null,
  };
  assert.equal(await h.store.createSession(record, null, { passwordHash: null, singleFactor: false, at: 0 }), 'ok');
  assert.equal((await h.request(endpoints.me, { token })).status, 401);
  assert.equal(await h.store.getSession(record.tokenHash), null, 'and ended on the server');
});
