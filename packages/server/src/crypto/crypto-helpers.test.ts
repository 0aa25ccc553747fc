import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cryptoRandom } from '../deps.ts';
import { createNativeArgon2Hasher } from './native-argon2-hasher.ts';
import { createNobleArgon2Hasher } from './noble-argon2-hasher.ts';
import { argon2Defaults, parseArgon2idPhc } from './password-hasher.ts';
import { canonicalRecoveryCode, newRecoveryCodes, recoveryCodeHash } from './recovery-codes.ts';
import { createSecretBox } from './secret-box.ts';
import { constantTimeEqual } from './constant-time.ts';

test('Argon2id m=19 MiB, t=2, p=1 with a 128-bit salt, in a PHC string', async () => {
  const phc = await createNativeArgon2Hasher().hash('correct battery');
  const parsed = parseArgon2idPhc(phc);
  assert.ok(parsed);
  assert.deepEqual(parsed.params, argon2Defaults);
  assert.equal(parsed.params.memoryKiB, 19 * 1024);
  assert.ok(parsed.salt.length >= 16);
});

test('native and pure-JS hashers write PHC strings that verify across both', async () => {
  const native = createNativeArgon2Hasher();
  const noble = createNobleArgon2Hasher();
  const fromNative = await native.hash('pässwörd ✓');
  const fromNoble = await noble.hash('pässwörd ✓');
  assert.equal(await noble.verify(fromNative, 'pässwörd ✓'), true);
  assert.equal(await native.verify(fromNoble, 'pässwörd ✓'), true);
  assert.equal(await noble.verify(fromNative, 'passwörd ✓'), false);
  assert.equal(await native.verify(fromNoble, 'passwörd ✓'), false);
});

test('a hash with other parameters is due for a rehash; garbage never verifies', async () => {
  const weak = createNativeArgon2Hasher({ memoryKiB: 1024, iterations: 1, parallelism: 1 });
  const strong = createNativeArgon2Hasher();
  const phc = await weak.hash('x');
  assert.equal(strong.needsRehash(phc), true);
  assert.equal(weak.needsRehash(phc), false);
  assert.equal(await strong.verify('$2b$10$notargon', 'x'), false);
  assert.equal(await createNobleArgon2Hasher().verify('plain', 'x'), false);
});

test('ten recovery codes of 80 random bits, typed forgivingly, hashed', () => {
  const codes = newRecoveryCodes(cryptoRandom);
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const code of codes) assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  const code = codes[0] as string;
  assert.equal(recoveryCodeHash(code.toLowerCase().replaceAll('-', ' ')), recoveryCodeHash(code));
  assert.equal(canonicalRecoveryCode('o1l1-IIII'), '0111' + '1111');
  assert.notEqual(recoveryCodeHash(code), code);
  assert.match(recoveryCodeHash(code), /^[0-9a-f]{64}$/);
});

test('sealed secrets open only with the same key and owner, and never repeat', async () => {
  const box = await createSecretBox(new Uint8Array(32).fill(1));
  const other = await createSecretBox(new Uint8Array(32).fill(2));
  const sealed = await box.seal('JBSWY3DPEHPK3PXP', 'totp-secret:usr_a');
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.notEqual(await box.seal('JBSWY3DPEHPK3PXP', 'totp-secret:usr_a'), sealed);
  assert.equal(await box.open(sealed, 'totp-secret:usr_a'), 'JBSWY3DPEHPK3PXP');
  await assert.rejects(box.open(sealed, 'totp-secret:usr_b'));
  await assert.rejects(other.open(sealed, 'totp-secret:usr_a'));
  await assert.rejects(createSecretBox(new Uint8Array(16)));
});

test('constant-time comparison compares whole arrays', () => {
  assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3])), true);
  assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4])), false);
  assert.equal(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3])), false);
});
