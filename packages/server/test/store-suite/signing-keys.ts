import assert from 'node:assert/strict';
import type { SigningKeyRecord, Store } from '../../src/store/store.ts';
import { t0, type SuiteTest } from './fixtures.ts';

const key = (kid: string, activeFrom: number): SigningKeyRecord => ({
  kid,
  publicJwk: `{"kid":"${kid}"}`,
  privateSealed: `sealed-${kid}`,
  createdAt: activeFrom,
  activeFrom,
  dropAfter: null,
});

export function signingKeysSuite(name: string, test: SuiteTest, open: () => Store | Promise<Store>): void {
  test(`${name}: one first signing key however many instances make one; rotation keeps the previous until it drops`, async () => {
    const store = await open();
    assert.deepEqual(await store.listSigningKeys(t0), []);
    const firsts = await Promise.all([
      store.addFirstSigningKey(key('sig_a', t0), t0),
      store.addFirstSigningKey(key('sig_b', t0), t0),
    ]);
    assert.equal(firsts[0]!.length, 1, 'one first key');
    assert.deepEqual(firsts[0], firsts[1], 'both instances see the same one');
    const first = firsts[0]![0]!;
    assert.deepEqual(await store.addFirstSigningKey(key('sig_c', t0), t0), [first], 'a later first key is not added');

    await store.rotateSigningKey(key('sig_next', t0 + 180_000), t0 + 180_000 + 3_660_000);
    const both = await store.listSigningKeys(t0 + 1);
    assert.deepEqual(
      both.map((k) => k.kid),
      ['sig_next', first.kid],
      'newest first',
    );
    assert.deepEqual(
      both[1],
      { ...first, dropAfter: t0 + 180_000 + 3_660_000 },
      'the previous one is kept with its drop time',
    );
    assert.equal(both[0]!.privateSealed, 'sealed-sig_next');
    assert.deepEqual(
      (await store.listSigningKeys(t0 + 180_000 + 3_660_000)).map((k) => k.kid),
      ['sig_next'],
      'dropped once every token it signed has expired',
    );

    await store.prune(t0 + 180_000 + 3_660_000, { idleMs: 1, forgetAfterMs: 1, deliveriesKeptMs: 1 });
    assert.deepEqual(
      (await store.listSigningKeys(t0)).map((k) => k.kid),
      ['sig_next'],
      'housekeeping deletes the dropped key',
    );
    assert.deepEqual(
      await store.sealedSecretsNotUnder('0123456789abcdef'),
      [{ owner: { kind: 'signing-key', kid: 'sig_next' }, sealed: 'sealed-sig_next', pending: false }],
      'signing keys count as sealed secrets',
    );
    await store.close();
  });
}
