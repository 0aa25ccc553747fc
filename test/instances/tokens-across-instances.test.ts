/**
 * #18: two `portcullis-server` processes on one PostgreSQL database behind one public origin (a
 * load balancer's, told by X-Forwarded-Host): every instance signs with the same key and serves
 * the same JWKS, so a token from one verifies against the keys of the other.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import { createVerifier } from '@portcullis/sdk/verify';
import { dropFreshSchemas, freshSchema, withoutPostgres } from '../../packages/server/test/support/postgres.ts';
import { password, startInstance, type Instance } from './instance.ts';

const skip = withoutPostgres;
const origin = 'https://accounts.example.com';
/** What the load balancer in front adds: the public host and scheme. */
const forwarded = { 'x-forwarded-host': 'accounts.example.com', 'x-forwarded-proto': 'https' };
let a: Instance;
let b: Instance;

before(async () => {
  if (skip) return;
  const db = await freshSchema();
  const flags = ['--public-origin', origin, '--trust-proxy'];
  [a, b] = await Promise.all([startInstance(db, flags), startInstance(db, flags)]);
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await dropFreshSchemas();
});

/** A request through the load balancer to one instance. */
const through = (instance: Instance, path: string, init: RequestInit = {}) =>
  fetch(`${instance.url}${path}`, {
    ...init,
    headers: { ...forwarded, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });

async function tokenFrom(instance: Instance, username: string): Promise<string> {
  const login = (await (
    await through(instance, '/api/v1/login', {
      method: 'POST',
      body: JSON.stringify({ username, password, tokenType: 'bearer' }),
    })
  ).json()) as { token: string };
  const reply = await through(instance, '/api/v1/me/token', {
    method: 'POST',
    headers: { authorization: `Bearer ${login.token}` },
  });
  assert.equal(reply.status, 200);
  return ((await reply.json()) as { token: string }).token;
}

/** The integrator's verifier, fetching the keys from one instance. */
const verifierOf = (instance: Instance) =>
  createVerifier({
    issuer: origin,
    audience: origin,
    jwksUrl: `${origin}/.well-known/jwks.json`,
    fetch: ((url: string | URL | Request) => through(instance, new URL(String(url)).pathname)) as typeof fetch,
  });

test(
  'two instances sign with one key and serve one JWKS: each verifies the tokens of the other',
  { skip },
  async () => {
    // The first tokens ever, asked of both at once: one first key is made, not two.
    const [fromA, fromB] = await Promise.all([tokenFrom(a, 'demo-alice'), tokenFrom(b, 'demo-bob')]);
    assert.equal(decodeProtectedHeader(fromA).kid, decodeProtectedHeader(fromB).kid, 'one signing key');
    const [setA, setB] = await Promise.all([
      (await through(a, '/.well-known/jwks.json')).json(),
      (await through(b, '/.well-known/jwks.json')).json(),
    ]);
    assert.deepEqual(setA, setB, 'the same published set');
    assert.equal((await verifierOf(b).verify(fromA)).username, 'demo-alice');
    assert.equal((await verifierOf(a).verify(fromB)).username, 'demo-bob');
    assert.equal(
      (await verifierOf(a).verify(fromB)).iss,
      origin,
      'the public origin is the issuer, whichever instance signed',
    );
  },
);
