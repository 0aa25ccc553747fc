import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { afterEach, mock, test } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import { createSecretBox } from '../../crypto/secret-box.ts';
import { cryptoRandom, minute } from '../../deps.ts';
import { harness, secretKey, start } from '../../../test/support/harness.ts';
import { tokenFor, verifierFor } from '../../../test/support/tokens.ts';
import { createSigningKeys, keyActivationDelayMs, keyRetentionMs } from './signing-keys.ts';

afterEach(() => mock.timers.reset());

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

test('rotation never breaks a live token: the new key is published before it signs, the old one stays until its last token has expired', async () => {
  // jose times its "refetch at most once a minute" pause with Date: it moves with the test's clock.
  mock.timers.enable({ apis: ['Date'], now: start });
  const h = await harness({ settings: { tokenTtlMs: 60 * minute } });
  const advance = (ms: number) => {
    h.clock.advance(ms);
    mock.timers.tick(ms);
  };
  const fetches: string[] = [];
  const verifier = verifierFor(h, { fetches });
  const session = await h.signIn('alice');
  const before = await tokenFor(h, session);
  await verifier.verify(before);
  const oldKid = kidOf(before);

  // The operator's rotate-signing-key runs in its own process, with its own key list.
  const operator = createSigningKeys({
    store: h.store,
    secretBox: createSecretBox(secretKey),
    clock: h.clock,
    random: cryptoRandom,
  });
  const rotated = await operator.rotate();
  assert.equal(rotated.activeFrom, h.clock.now() + keyActivationDelayMs);

  advance(keyActivationDelayMs - 1000);
  const jwks = (await h.request(endpoints.jwks)).body.keys.map((k: { kid: string }) => k.kid);
  assert.deepEqual(jwks.sort(), [oldKid, rotated.kid].sort(), 'both published before the new key signs');
  const late = await tokenFor(h, session);
  assert.equal(kidOf(late), oldKid, 'not signing yet');

  advance(2000);
  const after = await tokenFor(h, session);
  assert.equal(kidOf(after), rotated.kid, 'signing once active');
  assert.equal(
    (await verifier.verify(after)).sub,
    h.users.alice!.id,
    'a verifier that cached the old set learns the new key',
  );

  // The last token of the old key lives an hour from a second before the switch.
  advance(60 * minute - 3000);
  assert.equal((await verifier.verify(late)).sub, h.users.alice!.id, 'the old key still verifies its live token');
  assert.ok((await h.request(endpoints.jwks)).body.keys.some((k: { kid: string }) => k.kid === oldKid));

  advance(keyRetentionMs - 60 * minute + 3000);
  const remaining = (await h.request(endpoints.jwks)).body.keys.map((k: { kid: string }) => k.kid);
  assert.deepEqual(remaining, [rotated.kid], 'dropped once every token it signed has expired');
  assert.ok(fetches.length <= 3, `the JWKS was fetched ${fetches.length} times`);
});
