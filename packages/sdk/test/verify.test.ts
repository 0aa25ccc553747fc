import assert from 'node:assert/strict';
import { afterEach, mock, test } from 'node:test';
import { SignJWT, UnsecuredJWT, base64url, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import {
  createVerifier,
  fromRequest,
  isPortcullisError,
  requireMfa,
  requireRole,
  type VerifierOptions,
} from '../src/verify/index.ts';
import { serverHarness } from './harness.ts';

afterEach(() => mock.timers.reset());

/** The real server in-process; the verifier fetches its JWKS from it, on the harness clock. */
async function setup(options: Partial<VerifierOptions> = {}) {
  const h = await serverHarness();
  const fetches: string[] = [];
  const jwksFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    fetches.push(String(input));
    return h.fetch(input, init);
  }) as typeof fetch;
  const clock = { now: Date.UTC(2026, 0, 1, 12) };
  const verifier = createVerifier({
    issuer: 'http://localhost',
    audience: 'http://localhost',
    fetch: jwksFetch,
    now: () => clock.now,
    ...options,
  });
  const alice = await h.signedIn('alice');
  const token = await alice.getToken();
  return { h, verifier, fetches, clock, alice, token, kid: decodeProtectedHeader(token).kid! };
}

/** Rejects with invalid_token, a 401, the reason matching, and never the token in the message or detail. */
async function refused(promise: Promise<unknown>, reason: RegExp, token: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isPortcullisError(error, 'invalid_token'), String(error));
    assert.equal(error.status, 401);
    assert.match(error.detail ?? '', reason);
    const payload = token.split('.')[1] ?? '';
    if (payload.length > 16)
      assert.ok(!`${error.message} ${error.detail}`.includes(payload), 'the token is not repeated');
    return true;
  });
}

const payloadOf = (token: string) => decodeJwt(token);
const reencode = (header: object, payload: object, signature: string) =>
  `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}.${signature}`;

test('a token from the server verifies to typed claims', async () => {
  const { verifier, token, h } = await setup();
  const claims = await verifier.verify(token);
  assert.equal(claims.sub, h.users.alice!.id);
  assert.equal(claims.username, 'alice');
  assert.equal(claims.role, 'subuser');
  assert.deepEqual(claims.amr, ['pwd']);
});

test('expired, or not valid yet (beyond 10 seconds of clock difference), is refused', async () => {
  const { verifier, token, clock } = await setup();
  const { exp, nbf } = payloadOf(token) as { exp: number; nbf: number };
  clock.now = (exp + 9) * 1000;
  await verifier.verify(token);
  clock.now = (exp + 11) * 1000;
  await refused(verifier.verify(token), /expired/, token);
  clock.now = (nbf - 11) * 1000;
  await refused(verifier.verify(token), /not valid yet/, token);
});

test('another issuer or another audience is refused', async () => {
  const { token, h } = await setup();
  const fetch = h.fetch;
  const otherIssuer = createVerifier({
    issuer: 'https://accounts.example.com',
    audience: 'http://localhost',
    jwksUrl: 'http://localhost/.well-known/jwks.json',
    fetch,
    now: () => Date.UTC(2026, 0, 1, 12),
  });
  await refused(otherIssuer.verify(token), /another server/, token);
  const otherAudience = createVerifier({
    issuer: 'http://localhost',
    audience: ['https://billing.example.com', 'https://jobs.example.com'],
    fetch,
    now: () => Date.UTC(2026, 0, 1, 12),
  });
  await refused(otherAudience.verify(token), /another audience/, token);
});

test('a tampered payload or signature is refused', async () => {
  const { verifier, token } = await setup();
  const [header, , signature] = token.split('.') as [string, string, string];
  const promoted = reencode(
    JSON.parse(new TextDecoder().decode(base64url.decode(header))),
    { ...payloadOf(token), role: 'root' },
    signature,
  );
  await refused(verifier.verify(promoted), /signature/, promoted);
  const flipped = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
  await refused(verifier.verify(flipped), /signature|well-formed/, flipped);
  await refused(verifier.verify('not.a.token'), /well-formed/, 'not.a.token');
  await refused(verifier.verify(''), /well-formed/, '');
});

test('alg none and an HS256 token keyed with the public key are refused', async () => {
  const { verifier, token, kid, h } = await setup();
  const claims = payloadOf(token);
  const none = new UnsecuredJWT({ ...claims, role: 'root' }).encode();
  await refused(verifier.verify(none), /EdDSA/, none);
  const noneWithKid = reencode({ alg: 'none', kid, typ: 'JWT' }, { ...claims, role: 'root' }, '');
  await refused(verifier.verify(noneWithKid), /EdDSA/, noneWithKid);

  // The classic confusion: the public key, which anyone can fetch, used as an HMAC secret.
  const jwks = (await (await h.fetch('http://localhost/.well-known/jwks.json')).json()) as {
    keys: Array<{ kid: string; x: string }>;
  };
  const published = jwks.keys.find((k) => k.kid === kid)!;
  for (const secret of [
    base64url.decode(published.x),
    new TextEncoder().encode(JSON.stringify(published)),
    new TextEncoder().encode(published.x),
  ]) {
    const forged = await new SignJWT({ ...claims, role: 'root' })
      .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
      .sign(secret);
    await refused(verifier.verify(forged), /EdDSA/, forged);
  }
});

test('a token signed with a key the issuer does not publish is not ours; an unknown kid refetches the keys at most once a minute', async () => {
  mock.timers.enable({ apis: ['Date'], now: Date.UTC(2026, 0, 1, 12) });
  const { verifier, token, kid, fetches } = await setup();
  await verifier.verify(token);
  assert.equal(fetches.length, 1);
  const { privateKey } = await generateKeyPair('Ed25519');
  const claims = payloadOf(token);
  const sameKid = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' }).sign(privateKey);
  await refused(verifier.verify(sameKid), /signature/, sameKid);
  assert.equal(fetches.length, 1, 'a known kid needs no refetch');

  const unknown = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid: 'sig_not_ours', typ: 'JWT' })
    .sign(privateKey);
  await refused(verifier.verify(unknown), /not signed with a key this issuer publishes/, unknown);
  for (let i = 0; i < 20; i++) await refused(verifier.verify(unknown), /not signed with a key/, unknown);
  assert.equal(fetches.length, 1, 'the set fetched a moment ago is not fetched again for a flood of unknown kids');
  mock.timers.tick(61_000);
  await refused(verifier.verify(unknown), /not signed with a key/, unknown);
  await refused(verifier.verify(unknown), /not signed with a key/, unknown);
  assert.equal(fetches.length, 2, 'a minute later: one refetch');
  assert.equal((await verifier.verify(token)).username, 'alice', 'our own tokens still verify');
});

test('keys that cannot be fetched are a 503 unavailable, not a verdict on the token', async () => {
  const { token } = await setup();
  const down = createVerifier({
    issuer: 'http://localhost',
    audience: 'http://localhost',
    fetch: (async () => new Response('bad gateway', { status: 502 })) as typeof fetch,
    now: () => Date.UTC(2026, 0, 1, 12),
  });
  await assert.rejects(
    down.verify(token),
    (error: unknown) => isPortcullisError(error, 'unavailable') && error.status === 503,
  );
});

test('requireRole and requireMfa refuse with 403 and our codes; fromRequest reads Authorization: Bearer from web and Node requests', async () => {
  const { verifier, token, h } = await setup();
  const claims = await verifier.verify(token);
  assert.throws(
    () => requireRole(claims, 'root'),
    (e: unknown) => isPortcullisError(e, 'forbidden') && e.status === 403,
  );
  assert.throws(
    () => requireMfa(claims),
    (e: unknown) => isPortcullisError(e, 'reauth_required') && e.status === 403,
  );
  requireRole(claims, 'subuser');

  const root = await h.signedIn('root-user');
  await root.setMfaEnabled(true);
  const secrets = new Map<string, string>();
  const enrolled = await h.signedIn('root-user', secrets);
  const rootClaims = await verifier.verify(await enrolled.getToken());
  requireRole(rootClaims, 'root');
  assert.deepEqual(rootClaims.amr, ['pwd', 'otp', 'mfa']);
  const at = rootClaims.auth_time * 1000;
  requireMfa(rootClaims, { maxAgeSeconds: 600, now: () => at + 599_000 });
  assert.throws(
    () => requireMfa(rootClaims, { maxAgeSeconds: 600, now: () => at + 601_000 }),
    (e: unknown) => isPortcullisError(e, 'reauth_required'),
  );

  assert.equal(
    fromRequest(new Request('http://api.example', { headers: { authorization: `Bearer ${token}` } })),
    token,
  );
  assert.equal(fromRequest({ headers: { authorization: `bearer ${token}` } }), token);
  for (const headers of [
    {},
    { authorization: `Basic ${token}` },
    { authorization: 'Bearer' },
    { authorization: `Bearer ${token} extra` },
  ]) {
    assert.throws(
      () => fromRequest({ headers }),
      (e: unknown) => isPortcullisError(e, 'invalid_token') && e.status === 401,
    );
  }
});
