import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { PasskeyRecord } from '../store/store.ts';
import { verifyAssertion, verifyRegistration, type RelyingParty } from './webauthn.ts';

/** One registration and one assertion recorded from Chromium's WebAuthn stack (see recorded/record-webauthn.ts). */
const recorded = JSON.parse(
  readFileSync(new URL('../../test/support/recorded/chromium.json', import.meta.url), 'utf8'),
) as {
  origin: string;
  rpId: string;
  registrationChallenge: string;
  assertionChallenge: string;
  registration: { id: string; response: Record<string, unknown> };
  assertion: { id: string; response: Record<string, string> };
};
const rp: RelyingParty = { name: 'Portcullis', id: recorded.rpId, origin: recorded.origin };

async function registered(): Promise<PasskeyRecord> {
  const credential = await verifyRegistration(rp, recorded.registration, recorded.registrationChallenge);
  assert.ok(credential, 'the recorded registration verifies');
  return { id: 'pk_recorded', userId: 'usr_recorded', name: 'Recorded', createdAt: 0, lastUsedAt: null, ...credential };
}

test('a registration recorded from Chromium verifies for its challenge, origin and RP ID, and for nothing else', async () => {
  const passkey = await registered();
  assert.equal(passkey.credentialId, recorded.registration.id);
  assert.deepEqual(passkey.transports, ['internal']);
  assert.equal(
    await verifyRegistration(rp, recorded.registration, recorded.assertionChallenge),
    null,
    'another challenge',
  );
  assert.equal(
    await verifyRegistration(
      { ...rp, origin: 'http://localhost:1' },
      recorded.registration,
      recorded.registrationChallenge,
    ),
    null,
    'another origin',
  );
  assert.equal(
    await verifyRegistration({ ...rp, id: 'example.com' }, recorded.registration, recorded.registrationChallenge),
    null,
    'another RP ID',
  );
  assert.equal(
    await verifyRegistration(rp, { ...recorded.registration, type: 'password' }, recorded.registrationChallenge),
    null,
  );
  assert.equal(
    await verifyRegistration(rp, 'not even an object', recorded.registrationChallenge),
    null,
    'malformed input is refused, not thrown',
  );
});

test('an assertion recorded from Chromium verifies once its counter is ahead, and not with a changed byte, challenge, origin or counter', async () => {
  const passkey = await registered();
  const counter = await verifyAssertion(rp, recorded.assertion, recorded.assertionChallenge, passkey);
  assert.ok(counter !== null && counter > passkey.counter, 'verifies and moves the counter on');
  assert.equal(
    await verifyAssertion(rp, recorded.assertion, recorded.registrationChallenge, passkey),
    null,
    'another challenge',
  );
  assert.equal(
    await verifyAssertion(
      { ...rp, origin: 'https://portcullis.example' },
      recorded.assertion,
      recorded.assertionChallenge,
      passkey,
    ),
    null,
    'another origin',
  );
  assert.equal(
    await verifyAssertion(
      { ...rp, id: 'portcullis.example' },
      recorded.assertion,
      recorded.assertionChallenge,
      passkey,
    ),
    null,
    'another RP ID',
  );
  assert.equal(
    await verifyAssertion(rp, recorded.assertion, recorded.assertionChallenge, { ...passkey, counter }),
    null,
    'the same counter again: a replay or a clone',
  );
  assert.equal(
    await verifyAssertion(rp, recorded.assertion, recorded.assertionChallenge, { ...passkey, counter: counter + 5 }),
    null,
    'a counter behind the stored one: a clone',
  );
  const signature = recorded.assertion.response['signature']!;
  const flipped = signature.slice(0, 20) + (signature[20] === 'A' ? 'B' : 'A') + signature.slice(21);
  assert.equal(
    await verifyAssertion(
      rp,
      { ...recorded.assertion, response: { ...recorded.assertion.response, signature: flipped } },
      recorded.assertionChallenge,
      passkey,
    ),
    null,
    'a changed signature',
  );
  const authenticatorData = recorded.assertion.response['authenticatorData']!;
  // The flags byte (after the 32-byte RP ID hash) without UV: the signature no longer covers it either way.
  const bytes = Uint8Array.from(
    atob(
      authenticatorData.replaceAll('-', '+').replaceAll('_', '/') +
        '='.repeat((4 - (authenticatorData.length % 4)) % 4),
    ),
    (c) => c.charCodeAt(0),
  );
  bytes[32] = bytes[32]! & ~0x04;
  const withoutUv = btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
  assert.equal(
    await verifyAssertion(
      rp,
      { ...recorded.assertion, response: { ...recorded.assertion.response, authenticatorData: withoutUv } },
      recorded.assertionChallenge,
      passkey,
    ),
    null,
    'no user verification',
  );
  assert.equal(
    await verifyAssertion(rp, recorded.assertion, recorded.assertionChallenge, {
      ...passkey,
      publicKey: (await registered()).publicKey.replace(/^.{8}/, 'AAAAAAAA'),
    }),
    null,
    'another key',
  );
});
