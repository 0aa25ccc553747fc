import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpoints } from '@portcullis/sdk/contract';
import { apiKeyFor } from '../../../test/support/api-keys.ts';
import { harness, password, type Harness } from '../../../test/support/harness.ts';
import { authenticator, registerPasskey, signInWithPasskey } from '../../../test/support/passkeys.ts';

const dayMs = 86_400_000;

/** The root with a passkey (its first factor) and a session that passed it. */
async function rootWithPasskey(h: Harness) {
  const token = await h.signIn('root-user');
  const { credential, reply } = await registerPasskey(h, token);
  assert.equal(reply.status, 200, reply.text);
  return { token, credential };
}

async function passkeysOnly(h: Harness, token: string, mfaDeadline?: number) {
  const reply = await h.request(endpoints.setOrgPolicy, {
    token,
    body: {
      enforceMfa: true,
      phishingResistant: true,
      ...(mfaDeadline ? { mfaDeadline: new Date(mfaDeadline).toISOString() } : {}),
    },
  });
  assert.equal(reply.status, 200, reply.text);
  return reply.body;
}

const login = (h: Harness, username: string) =>
  h.request(endpoints.login, { body: { username, password, tokenType: 'bearer' } });

test('passkeys only needs enforcement and a root with a passkey; the refusal names the field and changes nothing', async () => {
  const h = await harness();
  const { key } = await apiKeyFor(h);
  const alone = await h.request(endpoints.setOrgPolicy, {
    token: key,
    body: { enforceMfa: false, phishingResistant: true },
  });
  assert.deepEqual(
    [alone.status, alone.body.code, alone.body.errors?.[0]?.path, alone.body.errors?.[0]?.code],
    [400, 'invalid_request', 'phishingResistant', 'needs_enforcement'],
  );
  const noRootKey = await h.request(endpoints.setOrgPolicy, {
    token: key,
    body: { enforceMfa: true, phishingResistant: true },
  });
  assert.deepEqual(
    [noRootKey.status, noRootKey.body.code, noRootKey.body.errors?.[0]?.code],
    [409, 'conflict', 'no_root_passkey'],
    'the organization would shut its last root out',
  );
  assert.deepEqual((await h.request(endpoints.orgPolicy, { token: key })).body.enforceMfa, false, 'nothing changed');

  const { token } = await rootWithPasskey(h);
  const set = await passkeysOnly(h, token);
  assert.deepEqual([set.enforceMfa, set.phishingResistant], [true, true]);
  const events = await h.request(endpoints.orgEvents, { token });
  const change = events.body.items.find((e) => e.type === 'org_policy_changed');
  assert.deepEqual(change?.policy, {
    old: { enforceMfa: false, mfaDeadline: null, phishingResistant: false },
    new: { enforceMfa: true, mfaDeadline: null, phishingResistant: true },
  });
  assert.equal((await h.request(endpoints.me, { token })).body.mfa.phishingResistant, true);
});

test('every sign-in path under passkeys only: app code and recovery code lead to a passkey setup; passkey alone and password + passkey sign in', async () => {
  const h = await harness();
  const aliceBefore = await h.withMfa('alice'); // the app only
  await h.signIn('alice'); // learns nothing new; keeps the secret
  const recoveryCodes = h.recoveryCodes.get('alice')!;
  const { token: root, credential: rootKey } = await rootWithPasskey(h);
  await passkeysOnly(h, root);
  const ended = await h.request(endpoints.me, { token: aliceBefore });
  assert.deepEqual([ended.status, ended.body.code], [401, 'unauthenticated'], 'a session without a passkey ends');

  // Password + app code: proven, then only a passkey may go on.
  const first = await login(h, 'alice');
  assert.equal(first.body.status, 'mfa_required');
  const answered = await h.request(endpoints.completeMfa, {
    body: { challengeId: first.body.challenge.id, code: await h.nextCode('alice') },
  });
  assert.equal(answered.status, 200, answered.text);
  assert.equal(answered.body.status, 'passkey_setup_required', 'a TOTP code never signs in on its own');
  assert.equal(answered.body.token, undefined);
  assert.equal(answered.body.passkeyOptions.authenticatorSelection.userVerification, 'required');
  const setupId = answered.body.challenge.id;
  const reused = await h.request(endpoints.completeMfa, {
    body: { challengeId: setupId, code: await h.nextCode('alice') },
  });
  assert.deepEqual([reused.status, reused.body.code], [400, 'invalid_request'], 'the setup challenge only registers');
  const wrong = await authenticator.register({
    challenge: answered.body.passkeyOptions.challenge,
    origin: 'https://evil.example',
  });
  const refused = await h.request(endpoints.finishPasskeySetup, {
    body: { challengeId: setupId, webauthn: wrong.response },
  });
  assert.equal(refused.body.code, 'invalid_code', 'a phishing origin is refused');
  const { credential, response } = await authenticator.register({ challenge: answered.body.passkeyOptions.challenge });
  const done = await h.request(endpoints.finishPasskeySetup, { body: { challengeId: setupId, webauthn: response } });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.status, 'authenticated');
  assert.equal(done.body.recoveryCodes, undefined, 'her recovery codes stay as they were');
  const me = await h.request(endpoints.me, { token: done.body.token! });
  assert.deepEqual([me.body.mfa.passkeys, me.body.mfa.authenticatorApp, me.body.mfa.recoveryCodesLeft], [1, true, 10]);
  assert.equal(
    (await h.request(endpoints.finishPasskeySetup, { body: { challengeId: setupId, webauthn: response } })).body.code,
    'challenge_expired',
    'once',
  );

  // Password + passkey.
  const second = await login(h, 'alice');
  assert.deepEqual(second.body.challenge.methods, ['totp', 'passkey', 'recovery_code']);
  const assertion = await authenticator.assert(credential, {
    challenge: second.body.challenge.passkeyOptions!.challenge,
  });
  const withKey = await h.request(endpoints.completeMfa, {
    body: { challengeId: second.body.challenge.id, webauthn: assertion },
  });
  assert.equal(withKey.body.status, 'authenticated');

  // Passkey alone.
  assert.equal((await signInWithPasskey(h, credential)).status, 200);
  assert.equal((await signInWithPasskey(h, rootKey)).status, 200, 'the root too');

  // A recovery code proves the person (a lost passkey), then a new passkey is registered.
  const third = await login(h, 'alice');
  const recovered = await h.request(endpoints.completeMfa, {
    body: { challengeId: third.body.challenge.id, code: recoveryCodes[0]! },
  });
  assert.equal(recovered.body.status, 'passkey_setup_required');
  assert.equal(
    (await h.request(endpoints.me, { token: done.body.token! })).body.mfa.recoveryCodesLeft,
    9,
    'the recovery code is spent',
  );
});

test('under passkeys only a member without a factor enrolls with a passkey alone: no app secret, a code is refused', async () => {
  const h = await harness();
  const { token: root } = await rootWithPasskey(h);
  await passkeysOnly(h, root);
  const bob = await login(h, 'bob');
  assert.equal(bob.body.status, 'mfa_setup_required');
  assert.equal(bob.body.enrollment, undefined, 'no app secret');
  const code = await h.request(endpoints.completeMfa, {
    body: { challengeId: bob.body.challenge.id, code: '123456' },
  });
  assert.deepEqual(
    [code.status, code.body.code, code.body.errors?.[0]?.code],
    [400, 'invalid_request', 'passkey_required'],
  );
  const { response } = await authenticator.register({ challenge: bob.body.passkeyOptions!.challenge });
  const done = await h.request(endpoints.completeMfa, {
    body: { challengeId: bob.body.challenge.id, webauthn: response },
  });
  assert.equal(done.body.status, 'authenticated');
  assert.equal(done.body.recoveryCodes?.length, 10);
});

test('under passkeys only a code does not re-authenticate, and the last passkey stays', async () => {
  const h = await harness();
  const { token: root } = await rootWithPasskey(h);
  const { token: bobStart } = { token: await h.signIn('bob') };
  const bobKey = await registerPasskey(h, bobStart);
  await h.request(endpoints.setMfaEnabled, { token: await h.signIn('alice'), body: { enabled: true } });
  await passkeysOnly(h, root);
  const bob = (await signInWithPasskey(h, bobKey.credential)).body.token!;

  const reauth = await h.request(endpoints.reauthenticate, { token: bob, body: { password, code: '12345678' } });
  assert.deepEqual(
    [reauth.status, reauth.body.code, reauth.body.errors?.[0]?.code],
    [400, 'invalid_request', 'passkey_required'],
  );

  const passkeys = await h.request(endpoints.passkeys, { token: bob });
  const last = await h.request(endpoints.removePasskey, { token: bob, params: { id: passkeys.body.items[0]!.id } });
  assert.deepEqual([last.status, last.body.code], [403, 'mfa_enforced']);
});

test('passkeys only with a deadline: the app still signs in before it; from it, a passkey setup, and app-only sessions end', async () => {
  const h = await harness();
  const alice = await h.withMfa('alice');
  const { token: root } = await rootWithPasskey(h);
  const deadline = h.clock.now() + 5 * dayMs;
  await passkeysOnly(h, root, deadline);
  assert.equal((await h.request(endpoints.me, { token: alice })).status, 200, 'nothing ends before the deadline');
  const before = await login(h, 'alice');
  const signedIn = await h.request(endpoints.completeMfa, {
    body: { challengeId: before.body.challenge.id, code: await h.nextCode('alice') },
  });
  assert.equal(signedIn.body.status, 'authenticated', 'before the deadline the app still counts');
  assert.equal((await h.request(endpoints.me, { token: alice })).body.mfa.phishingResistant, true, 'she is told');
  const bob = await h.signIn('bob'); // no factor: the password alone before the deadline
  const app = await h.request(endpoints.startEnrollment, { token: bob });
  assert.deepEqual([app.status, app.body.code], [409, 'conflict'], '"Set up now" for the app, which would not count');
  assert.match(app.body.detail ?? '', /passkeys/);

  h.clock.current = deadline;
  assert.equal((await h.request(endpoints.me, { token: alice })).status, 401, 'at the deadline, ended');
  assert.equal((await h.request(endpoints.me, { token: signedIn.body.token! })).status, 401);
  const after = await login(h, 'alice');
  const proven = await h.request(endpoints.completeMfa, {
    body: { challengeId: after.body.challenge.id, code: await h.nextCode('alice') },
  });
  assert.equal(proven.body.status, 'passkey_setup_required');
  assert.equal((await h.request(endpoints.me, { token: root })).status, 200, 'the root has its passkey');
});
