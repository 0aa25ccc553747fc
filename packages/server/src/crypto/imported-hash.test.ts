import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createNativeArgon2Hasher } from './native-argon2-hasher.ts';
import { isRefusal, parseImportedHash, withImportedHashes } from './imported-hash.ts';
import { createImportedHashVerifier } from './node-imported-hashes.ts';

/** Made by each format's own implementation: `scripts/make-hash-vectors.py`. */
const { vectors, wrongPassword } = JSON.parse(
  readFileSync(new URL('../../test/support/hash-vectors/vectors.json', import.meta.url), 'utf8'),
) as { wrongPassword: string; vectors: Array<{ format: string; madeBy: string; password: string; hash: string }> };

const hasher = withImportedHashes(createNativeArgon2Hasher(), createImportedHashVerifier());

test('every imported format verifies with its own algorithm: the right password, not a wrong one; each needs a rehash', async () => {
  assert.deepEqual(
    vectors.map((v) => v.format),
    ['bcrypt $2a$', 'bcrypt $2b$', 'bcrypt $2y$', 'argon2id', 'argon2i', 'scrypt', 'pbkdf2-sha256', 'pbkdf2-sha512'],
  );
  for (const vector of vectors) {
    assert.ok(!isRefusal(parseImportedHash(vector.hash)), vector.format);
    assert.equal(await hasher.verify(vector.hash, vector.password), true, `${vector.format} (${vector.madeBy})`);
    assert.equal(await hasher.verify(vector.hash, wrongPassword), false, `${vector.format}: a wrong password`);
    assert.equal(hasher.needsRehash(vector.hash), true, `${vector.format} is replaced at the first sign-in`);
  }
  // And our own hashes still verify as before.
  const ours = await hasher.hash('a perfectly long passphrase');
  assert.equal(await hasher.verify(ours, 'a perfectly long passphrase'), true);
  assert.equal(hasher.needsRehash(ours), false);
});

test('malformed, unknown and too costly hashes are refused with the reason, and never verify', async () => {
  const cases: Array<[string, 'invalid_hash' | 'unsupported_hash', RegExp?]> = [
    ['$1$saltsalt$abcdefghijklmnopqrstuv', 'unsupported_hash'],
    ['$6$rounds=5000$salt$hash', 'unsupported_hash'],
    ['$argon2d$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g', 'unsupported_hash'],
    ['5f4dcc3b5aa765d61d8327deb882cf99', 'unsupported_hash'],
    ['$argon2id$v=16$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g', 'unsupported_hash'],
    ['$2b$10$short', 'invalid_hash'],
    ['$2b$31$' + 'a'.repeat(53), 'invalid_hash', /above what this server verifies/],
    ['$argon2id$v=19$m=4194304,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g', 'invalid_hash', /above/],
    ['$argon2id$v=19$m=65536,t=3$c2FsdHNhbHQ$aGFzaGhhc2g', 'invalid_hash'],
    ['$scrypt$ln=25,r=8,p=1$c2FsdHNhbHQ$' + 'A'.repeat(43), 'invalid_hash', /above/],
    ['$scrypt$ln=14,r=8,p=1$c2FsdA$!!!', 'invalid_hash'],
    ['$pbkdf2-sha256$999999999$c2FsdA$' + 'A'.repeat(43), 'invalid_hash', /above/],
    ['$pbkdf2-sha256$29000$c2FsdA$tooshort', 'invalid_hash'],
    ['$pbkdf2-sha1$29000$c2FsdA$' + 'A'.repeat(27), 'invalid_hash'],
    ['$' + 'x'.repeat(600), 'invalid_hash'],
  ];
  for (const [hash, code, detail] of cases) {
    const parsed = parseImportedHash(hash);
    assert.ok(isRefusal(parsed), hash);
    assert.equal(parsed.code, code, hash);
    if (detail) assert.match(parsed.detail, detail, hash);
    assert.equal(await hasher.verify(hash, 'anything at all'), false, hash);
  }
});
