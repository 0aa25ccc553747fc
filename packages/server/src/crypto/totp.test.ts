import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate, stringToBytes } from 'otplib';
import { cryptoRandom } from '../deps.ts';
import { rfc4226, rfc6238Sha1, rfcSeed } from '../../test/support/rfc-vectors.ts';
import { matchTotp, newTotpSecret, otpauthUri, timeStepAt, totpCode } from './totp.ts';

test('RFC 6238 SHA-1 vectors (8 digits) come out of the library we verify with', async () => {
  for (const { time, code } of rfc6238Sha1) {
    assert.equal(await generate({ secret: stringToBytes(rfcSeed), digits: 8, epoch: time }), code, `t=${time}`);
  }
});

test('RFC 4226 HOTP vectors, counters 0–9', async () => {
  for (const [counter, code] of rfc4226.entries()) {
    assert.equal(await generate({ secret: stringToBytes(rfcSeed), strategy: 'hotp', counter }), code);
  }
});

test('a secret is 160 bits of Base32 and the URI names issuer, account, SHA1, 6 digits, 30 s', () => {
  const secret = newTotpSecret(cryptoRandom);
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.notEqual(newTotpSecret(cryptoRandom), secret);
  const uri = new URL(otpauthUri(secret, 'Acme Portal', 'alice'));
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.host, 'totp');
  assert.equal(decodeURIComponent(uri.pathname), '/Acme Portal:alice');
  assert.equal(uri.searchParams.get('secret'), secret);
  assert.equal(uri.searchParams.get('issuer'), 'Acme Portal');
  assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
  assert.equal(uri.searchParams.get('digits'), '6');
  assert.equal(uri.searchParams.get('period'), '30');
});

test('steps T and T−1 are accepted, T−2 and T+1 are not', async () => {
  const secret = newTotpSecret(cryptoRandom);
  const now = 1_800_000_000_000;
  const step = timeStepAt(now);
  const at = (offset: number) => totpCode(secret, now + offset * 30_000);
  assert.equal(await matchTotp(secret, await at(0), now, null), step);
  assert.equal(await matchTotp(secret, await at(-1), now, null), step - 1);
  assert.equal(await matchTotp(secret, await at(-2), now, null), null);
  assert.equal(await matchTotp(secret, await at(1), now, null), null);
});

test('a step at or before the last accepted one is refused', async () => {
  const secret = newTotpSecret(cryptoRandom);
  const now = 1_800_000_000_000;
  const code = await totpCode(secret, now);
  assert.equal(await matchTotp(secret, code, now, timeStepAt(now)), null);
  assert.equal(await matchTotp(secret, code, now, timeStepAt(now) - 1), timeStepAt(now));
});

test('anything but six digits is not a TOTP code, and never throws', async () => {
  const secret = newTotpSecret(cryptoRandom);
  for (const code of ['', '12345', '1234567', 'abcdef', '12 456', '１２３４５６']) {
    assert.equal(await matchTotp(secret, code, Date.now(), null), null, code);
  }
});
