import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPortcullisError, webauthnAvailable } from '../src/index.ts';
import { toCeremonyError } from '../src/passkey-ceremony.ts';
import { serverHarness } from './harness.ts';

test('without WebAuthn (Node) the passkey methods say passkey_unavailable before asking the server anything', async () => {
  const h = await serverHarness();
  const client = await h.signedIn('alice');
  assert.equal(webauthnAvailable(), false);
  for (const attempt of [client.addPasskey('Laptop'), client.loginWithPasskey(), client.reauthenticateWithPasskey()]) {
    await assert.rejects(
      attempt,
      (error) => isPortcullisError(error, 'passkey_unavailable') && /not available/.test(error.message),
    );
  }
  assert.deepEqual(await client.passkeys(), []);
  assert.equal((await client.me()).mfa.configured, false, 'nothing was half-started');
  const login = await h.client().login({ username: 'alice', password: 'a perfectly long passphrase' });
  assert.equal(login.status, 'authenticated');
});

test("the passkey list, rename and remove go through the contract; a stranger's id is not_found", async () => {
  const h = await serverHarness();
  const client = await h.signedIn('alice');
  await assert.rejects(client.renamePasskey('pk_nope', 'Phone'), (error) => isPortcullisError(error, 'not_found'));
  await assert.rejects(client.renamePasskey('pk_nope', ''), (error) => isPortcullisError(error, 'invalid_request'));
  await assert.rejects(client.removePasskey('pk_nope'), (error) => isPortcullisError(error, 'not_found'));
});

test('a browser prompt closed, timed out, refused as a duplicate or impossible here becomes a readable PortcullisError', () => {
  const now = performance.now();
  const notAllowed = {
    name: 'Error',
    code: 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY',
    cause: { name: 'NotAllowedError' },
    message: 'The operation either timed out or was not allowed.',
  };
  const cancelled = toCeremonyError(notAllowed, now, 120_000);
  assert.deepEqual([cancelled.code, cancelled.message], ['passkey_cancelled', 'The passkey prompt was closed']);
  const timedOut = toCeremonyError(notAllowed, now - 120_000, 120_000);
  assert.deepEqual([timedOut.code, timedOut.message], ['passkey_timeout', 'The passkey prompt timed out']);
  assert.equal(
    toCeremonyError({ name: 'NotAllowedError' }, now, 120_000).code,
    'passkey_cancelled',
    'a DOMException straight from the browser',
  );
  assert.equal(
    toCeremonyError({ code: 'ERROR_CEREMONY_ABORTED', cause: { name: 'AbortError' } }, now, 120_000).code,
    'passkey_cancelled',
  );
  assert.equal(
    toCeremonyError(
      { code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED', cause: { name: 'InvalidStateError' } },
      now,
      120_000,
    ).code,
    'conflict',
  );
  const badDomain = toCeremonyError(
    { code: 'ERROR_INVALID_DOMAIN', message: '127.0.0.1 is an invalid domain', cause: { name: 'SecurityError' } },
    now,
    120_000,
  );
  assert.deepEqual(
    [badDomain.code, badDomain.message],
    ['passkey_unavailable', 'Passkeys are not available in this browser or on this address'],
  );
});
