import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import fc from 'fast-check';
import { harness, password, type Harness } from '../../../test/support/harness.ts';
import { authenticator, registerPasskey } from '../../../test/support/passkeys.ts';

/**
 * #28 F5: the optional fields of a passkey answer come from the browser, so from anyone. A
 * malformed one (`transports: "usb"`, `{}`, `7`, …) was a 500 at registration and at the
 * enrollment step of a login. Every value JSON can carry, in every optional field, must end in
 * a verdict (2xx or 4xx), never in a 500; transports are stored only as known names.
 */

type Answer = Record<string, unknown> & { response: Record<string, unknown> };
const absent = Symbol('absent');
const anyValue = fc.oneof(
  fc.constant(absent),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('usb', ['usb', 'nfc'], ['internal', 'warp-drive', 7], {}, 7, null),
);

/** Puts `value` at the field (`response.x` inside the inner object), or takes the field away. */
function withField(answer: Answer, field: string, value: unknown): Answer {
  const inner = field.startsWith('response.');
  const key = inner ? field.slice(9) : field;
  const set = (o: Record<string, unknown>) =>
    Object.fromEntries([...Object.entries(o).filter(([k]) => k !== key), ...(value === absent ? [] : [[key, value]])]);
  return inner
    ? { ...answer, response: set(answer.response) }
    : ({ ...set(answer), response: answer.response } as Answer);
}

const registrationFields = [
  'response.transports',
  'response.publicKeyAlgorithm',
  'response.publicKey',
  'response.authenticatorData',
  'clientExtensionResults',
  'authenticatorAttachment',
];
const assertionFields = ['response.userHandle', 'clientExtensionResults', 'authenticatorAttachment'];
const known = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

async function storedTransportsAreKnown(h: Harness, userId: string) {
  for (const p of await h.store.listPasskeys(userId))
    assert.ok(
      p.transports.every((t) => known.has(t)),
      JSON.stringify(p.transports),
    );
}

test('F5: registering a passkey in the portal: any optional field, any value, never a 500', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  // A malformed transports value is dropped, and the passkey still registers.
  for (const transports of ['usb', {}, 7]) {
    const options = await h.request(endpoints.startPasskeyRegistration, { token });
    const { response } = await authenticator.register({ challenge: options.body.challenge });
    const reply = await h.request(endpoints.finishPasskeyRegistration, {
      token,
      body: { response: withField(response as Answer, 'response.transports', transports) },
    });
    assert.equal(reply.status, 200, reply.text);
  }
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...registrationFields), anyValue, async (field, value) => {
      const options = await h.request(endpoints.startPasskeyRegistration, { token });
      assert.equal(options.status, 200, options.text);
      const { response } = await authenticator.register({ challenge: options.body.challenge });
      const reply = await h.request(endpoints.finishPasskeyRegistration, {
        token,
        body: { response: withField(response as Answer, field, value) },
      });
      assert.ok(reply.status < 500, `${field} = ${JSON.stringify(value)}: ${reply.status} ${reply.text}`);
    }),
    { numRuns: 60 },
  );
  await storedTransportsAreKnown(h, h.users.alice!.id);
  assert.equal(
    h.logs.filter((line) => line.includes('"error"') || line.includes('Unhandled')).length,
    0,
    h.logs.join('\n'),
  );
});

test('F5: the enrollment step of a login answered with a passkey: any optional field, any value, never a 500', async () => {
  const h = await harness();
  const bob = h.users.bob!;
  await h.request(endpoints.setMfaEnabled, { token: await h.signIn('bob'), body: { enabled: true } });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...registrationFields), anyValue, async (field, value) => {
      const login = await h.request(endpoints.login, { body: { username: 'bob', password, tokenType: 'bearer' } });
      assert.equal(login.body.status, 'mfa_setup_required', login.text);
      const { response } = await authenticator.register({ challenge: login.body.passkeyOptions.challenge });
      const reply = await h.request(endpoints.completeMfa, {
        body: { challengeId: login.body.challenge.id, webauthn: withField(response as Answer, field, value) },
      });
      assert.ok(reply.status < 500, `${field} = ${JSON.stringify(value)}: ${reply.status} ${reply.text}`);
      await storedTransportsAreKnown(h, bob.id);
      // Back to "nothing linked" for the next run.
      if (reply.status === 200)
        await h.store.unlinkMfa(
          bob.id,
          { disable: false, endSessions: true, passkeys: true },
          {
            orgId: h.orgId,
            type: 'mfa_reset_by_root',
            at: h.clock.now(),
            actorId: null,
            actorUsername: null,
            targetId: bob.id,
            targetUsername: 'bob',
            clientAddress: null,
            reason: null,
          },
        );
      h.clock.advance(60_000);
    }),
    { numRuns: 40 },
  );
});

test('F5: a passkey answering a sign-in or an MFA step: any optional field, any value, never a 500', async () => {
  const h = await harness();
  const token = await h.signIn('alice');
  const { credential, reply } = await registerPasskey(h, token, 'Key');
  assert.equal(reply.status, 200, reply.text);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...assertionFields), anyValue, fc.boolean(), async (field, value, asSignIn) => {
      if (asSignIn) {
        const start = await h.request(endpoints.startPasskeyLogin);
        const response = await authenticator.assert(credential, { challenge: start.body.options.challenge });
        const answer = await h.request(endpoints.finishPasskeyLogin, {
          body: {
            challengeId: start.body.challengeId,
            response: withField(response as Answer, field, value),
            tokenType: 'bearer',
          },
        });
        assert.ok(answer.status < 500, `${field} = ${JSON.stringify(value)}: ${answer.status} ${answer.text}`);
      } else {
        const login = await h.request(endpoints.login, { body: { username: 'alice', password, tokenType: 'bearer' } });
        assert.equal(login.body.status, 'mfa_required', login.text);
        const response = await authenticator.assert(credential, {
          challenge: login.body.challenge.passkeyOptions.challenge,
        });
        const answer = await h.request(endpoints.completeMfa, {
          body: { challengeId: login.body.challenge.id, webauthn: withField(response as Answer, field, value) },
        });
        assert.ok(answer.status < 500, `${field} = ${JSON.stringify(value)}: ${answer.status} ${answer.text}`);
      }
      h.clock.advance(60_000);
    }),
    { numRuns: 40 },
  );
});
