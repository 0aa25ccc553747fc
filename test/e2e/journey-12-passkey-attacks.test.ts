import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  confirmDialog,
  enterPassword,
  expectAccessible,
  journey,
  newPage,
  password,
  passkeyUrl,
  screenshot,
  virtualAuthenticator,
} from './harness.ts';

const post = async (url: string, body: unknown) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { code?: string } };
};

/**
 * What a hostile page does with the browser's authenticator: asks it, in the page, for an
 * assertion over `options` (any of its passkeys for the RP ID, no allow list), and hands the
 * JSON-encoded answer back for the attacker to relay.
 */
function assertInPage(page: Page, options: { challenge: string; rpId: string }): Promise<unknown> {
  // As source text: the test runner's transform would add helpers the page does not have.
  return page.evaluate(`(async ({ challenge, rpId }) => {
    const toBytes = (text) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const toText = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
    const credential = await navigator.credentials.get({ publicKey: { challenge: toBytes(challenge), rpId, userVerification: 'required' } });
    const response = credential.response;
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: 'public-key',
      response: {
        clientDataJSON: toText(response.clientDataJSON),
        authenticatorData: toText(response.authenticatorData),
        signature: toText(response.signature),
        ...(response.userHandle ? { userHandle: toText(response.userHandle) } : {}),
      },
      clientExtensionResults: {},
    };
  })(${JSON.stringify({ challenge: options.challenge, rpId: options.rpId })})`);
}

test("journey 12: under enforcement a subuser enrolls with a passkey alone and cannot remove it; a clone, another user's passkey and a phishing origin are refused", async () => {
  const { server, browser, done } = await journey();
  const phishing = createServer((_, response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Acme login</title>'),
  );
  await new Promise<void>((resolve) => phishing.listen(0, '127.0.0.1', resolve));
  try {
    const url = passkeyUrl(server);
    const api = `${url}/api/v1`;
    // The root enforces MFA (through the API, as any script of theirs could).
    const root = await post(`${api}/login`, { username: 'demo-root', password, tokenType: 'bearer' });
    const policy = await fetch(`${api}/org/policy`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${root.body['token'] as string}`, 'content-type': 'application/json' },
      body: JSON.stringify({ enforceMfa: true }),
    });
    assert.equal(policy.status, 200);

    // Alice's first sign-in asks for a second factor; she takes a passkey instead of the app.
    const alice = await newPage(browser);
    const aliceKey = await virtualAuthenticator(alice);
    await alice.goto(`${url}/`);
    await enterPassword(alice, 'demo-alice');
    await alice.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    await expectAccessible(alice, 'enrollment with a passkey on offer');
    await alice.locator('login-form').getByRole('button', { name: 'Use a passkey instead' }).click();
    await alice.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await alice.getByLabel('I have saved my recovery codes').check();
    await alice.getByRole('button', { name: 'Continue' }).click();
    await alice.getByRole('heading', { name: 'Profile settings' }).waitFor();
    await alice.getByText('Your organization requires MFA for every user, so it cannot be turned off.').waitFor();
    await screenshot(alice, 'journey-12-enrolled-with-a-passkey');

    // Her only factor stays while the organization enforces MFA.
    const list = alice.locator('passkey-list');
    await list.locator('[part=row]').waitFor();
    await list.getByRole('button', { name: /^Remove / }).click();
    await confirmDialog(alice, 'Remove');
    await list.getByText('Your organization requires MFA for every user.').waitFor();
    assert.equal(await list.locator('[part=row]').count(), 1);

    // A clone of her passkey (its key copied out, its counter behind) is refused; the original is not.
    const [original] = await aliceKey.credentials();
    assert.ok(original);
    const thief = await newPage(browser);
    const cloned = await virtualAuthenticator(thief);
    await cloned.addCredential({
      credentialId: original.credentialId,
      privateKey: original.privateKey,
      rpId: original.rpId,
      userHandle: original.userHandle,
      signCount: 0,
    });
    // The autofill signs her in again as the form appears: her counter moves on.
    const autofilled = alice.waitForResponse((response) => response.url().endsWith('/api/v1/login/passkey/verify'));
    await alice.getByRole('button', { name: 'Sign out', exact: true }).click();
    assert.equal((await autofilled).status(), 200);
    await alice.getByRole('heading', { name: 'Profile settings' }).waitFor();
    await thief.goto(`${url}/`);
    await thief.locator('login-form').getByText('That passkey was not accepted.', { exact: false }).waitFor();
    assert.equal(await thief.getByRole('heading', { name: 'Profile settings' }).count(), 0);

    // Bob enrolls with a passkey too; Alice's passkey cannot answer his MFA step, though it signs.
    const bob = await newPage(browser);
    await virtualAuthenticator(bob);
    await bob.goto(`${url}/`);
    await enterPassword(bob, 'demo-bob');
    await bob.locator('login-form').getByRole('button', { name: 'Use a passkey instead' }).click();
    await bob.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    const bobLogin = await post(`${api}/login`, { username: 'demo-bob', password });
    const challenge = bobLogin.body['challenge'] as {
      id: string;
      methods: string[];
      passkeyOptions: { challenge: string; rpId: string };
    };
    assert.deepEqual(challenge.methods, ['passkey', 'recovery_code']);
    const alicesAnswer = await assertInPage(alice, challenge.passkeyOptions);
    const refused = await post(`${api}/login/mfa`, { challengeId: challenge.id, webauthn: alicesAnswer });
    assert.deepEqual([refused.status, refused.body.code], [400, 'invalid_code']);
    // The same ceremony with Bob's own passkey passes: the refusal was about whose passkey it is.
    const again = (await post(`${api}/login`, { username: 'demo-bob', password })).body[
      'challenge'
    ] as typeof challenge;
    const own = await post(`${api}/login/mfa`, {
      challengeId: again.id,
      webauthn: await assertInPage(bob, again.passkeyOptions),
    });
    assert.deepEqual([own.status, own.body['status']], [200, 'authenticated']);

    // A phishing page on another origin (localhost, another port: the same RP ID) gets a genuine
    // answer from the authenticator and relays it; the server checks the origin and refuses.
    const phishingUrl = `http://localhost:${(phishing.address() as AddressInfo).port}/`;
    await alice.goto(phishingUrl);
    const start = await post(`${api}/login/passkey`, {});
    const options = start.body['options'] as { challenge: string; rpId: string };
    const relayed = await assertInPage(alice, options);
    const verdict = await post(`${api}/login/passkey/verify`, {
      challengeId: start.body['challengeId'],
      response: relayed,
      tokenType: 'bearer',
    });
    assert.deepEqual([verdict.status, verdict.body.code], [400, 'invalid_credentials']);
    assert.equal(verdict.body['token'], undefined);
    // From the portal's own origin the same relay passes: the refusal was about the origin.
    await alice.goto(`${url}/`);
    await alice.getByRole('heading', { name: 'Profile settings' }).waitFor();
    const honest = await post(`${api}/login/passkey`, {});
    const answer = await assertInPage(alice, honest.body['options'] as { challenge: string; rpId: string });
    const accepted = await post(`${api}/login/passkey/verify`, {
      challengeId: honest.body['challengeId'],
      response: answer,
      tokenType: 'bearer',
    });
    assert.deepEqual([accepted.status, accepted.body['status']], [200, 'authenticated']);
  } finally {
    phishing.close();
    await done();
  }
});
