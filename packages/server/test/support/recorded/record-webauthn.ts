/**
 * Records one registration and one assertion made by Chromium's virtual authenticator (a real
 * browser's WebAuthn stack), for the verification tests to replay: `node --import tsx
 * packages/server/test/support/recorded/record-webauthn.ts > packages/server/test/support/recorded/chromium.json`.
 * Run by hand when the fixture should be renewed; the tests only read its output.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';

const registrationChallenge = 'cmVjb3JkZWQtcmVnaXN0cmF0aW9uLWNoYWxsZW5nZQ';
const assertionChallenge = 'cmVjb3JkZWQtYXNzZXJ0aW9uLWNoYWxsZW5nZQ';

const page = createServer((_, response) =>
  response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>record</title>'),
);
await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
const origin = `http://localhost:${(page.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
try {
  const tab = await browser.newPage();
  await tab.goto(`${origin}/`);
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  // As source text: the loader's transform would add helpers the page does not have.
  const recorded = await tab.evaluate(`(async ({ registrationChallenge, assertionChallenge }) => {
    const toBytes = (text) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const toText = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
    const created = await navigator.credentials.create({ publicKey: {
      rp: { id: 'localhost', name: 'Portcullis' },
      user: { id: new TextEncoder().encode('usr_recorded'), name: 'recorded', displayName: 'recorded' },
      challenge: toBytes(registrationChallenge),
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      attestation: 'none',
    } });
    const asserted = await navigator.credentials.get({ publicKey: { challenge: toBytes(assertionChallenge), rpId: 'localhost', userVerification: 'required' } });
    return {
      registration: { id: created.id, rawId: toText(created.rawId), type: 'public-key', response: {
        clientDataJSON: toText(created.response.clientDataJSON), attestationObject: toText(created.response.attestationObject), transports: created.response.getTransports() }, clientExtensionResults: {} },
      assertion: { id: asserted.id, rawId: toText(asserted.rawId), type: 'public-key', response: {
        clientDataJSON: toText(asserted.response.clientDataJSON), authenticatorData: toText(asserted.response.authenticatorData),
        signature: toText(asserted.response.signature), userHandle: toText(asserted.response.userHandle) }, clientExtensionResults: {} },
    };
  })(${JSON.stringify({ registrationChallenge, assertionChallenge })})`);
  console.log(
    JSON.stringify(
      {
        recordedWith: await browser.version(),
        origin,
        rpId: 'localhost',
        registrationChallenge,
        assertionChallenge,
        ...(recorded as object),
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  page.close();
}
