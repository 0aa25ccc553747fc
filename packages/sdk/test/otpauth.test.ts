import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSecret, parseOtpauthUri } from '../src/index.ts';

test('an otpauth URI is read into its parts', () => {
  const uri =
    'otpauth://totp/Acme%20Portal:alice?secret=jbswy3dpehpk3pxp&issuer=Acme%20Portal&algorithm=SHA1&digits=6&period=30';
  assert.deepEqual(parseOtpauthUri(uri), {
    type: 'totp',
    issuer: 'Acme Portal',
    account: 'alice',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
  assert.equal(parseOtpauthUri('otpauth://totp/bob?secret=ABCDEFGH').issuer, undefined);
  for (const bad of [
    'https://example.com',
    'otpauth://totp/x',
    'otpauth://totp/x?secret=not-base32!',
    'otpauth://other/x?secret=AB',
  ]) {
    assert.throws(() => parseOtpauthUri(bad), TypeError, bad);
  }
});

test('a secret is shown in groups of four', () => {
  assert.equal(formatSecret('JBSWY3DPEHPK3PXP'), 'JBSW Y3DP EHPK 3PXP');
  assert.equal(formatSecret('abcde fgh ij'), 'ABCD EFGH IJ');
  assert.equal(formatSecret('HWJZ5O33E4KURMMIZ4XP3X4H5ROCQUD2'), 'HWJZ 5O33 E4KU RMMI Z4XP 3X4H 5ROC QUD2');
});
