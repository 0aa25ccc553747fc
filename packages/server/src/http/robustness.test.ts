import assert from 'node:assert/strict';
import { endpoints } from '@portcullis/sdk/contract';
import { test } from 'node:test';
import fc from 'fast-check';
import { routes } from '@portcullis/sdk/contract';
import { createMemoryStore } from '../store/memory-store.ts';
import { harness, password } from '../../test/support/harness.ts';

test('bodies over 64 KiB get 413 before they are parsed', async () => {
  const h = await harness();
  const huge = JSON.stringify({ username: 'alice', password: 'x'.repeat(70 * 1024) });
  const reply = await h.request(endpoints.login, { rawBody: huge });
  assert.equal(reply.status, 413);
  assert.equal(reply.body.code, 'payload_too_large');
  const almost = await h.request(endpoints.login, { body: { username: 'alice', password: 'x'.repeat(2000) } });
  assert.equal(almost.status, 400, 'a long field under the limit is a plain validation error');
});

test('a huge field cannot cost a hash: passwords over 1024 characters are refused before hashing', async () => {
  const h = await harness();
  const started = performance.now();
  const reply = await h.request(endpoints.login, { body: { username: 'alice', password: '🙂'.repeat(8 * 1024) } });
  assert.equal(reply.status, 400);
  assert.equal(reply.body.errors[0]!.path, 'password');
  assert.ok(performance.now() - started < 1000);
});

test('malformed JSON and wrong shapes are clear 400s naming the field', async () => {
  const h = await harness();
  const broken = await h.request(endpoints.login, { rawBody: '{"username": ' });
  assert.equal(broken.body.code, 'invalid_request');
  const wrong = await h.request(endpoints.login, { body: { username: 'alice', password: 42 } });
  assert.equal(wrong.body.errors[0]!.path, 'password');
  assert.equal(wrong.headers.get('content-type'), 'application/problem+json');
  assert.match(wrong.body.type, /^https:\/\//);
  assert.equal(wrong.body.status, 400);
});

const hostile = fc.oneof(
  fc.anything(),
  fc.json().map((text) => JSON.parse(text)),
  fc.record(
    {
      username: fc.string(),
      password: fc.string(),
      tokenType: fc.string(),
      code: fc.string(),
      challengeId: fc.string(),
      enabled: fc.anything(),
      enforceMfa: fc.anything(),
      currentPassword: fc.string(),
      newPassword: fc.string(),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'username'), fc.anything()),
);

test('random and hostile JSON on every endpoint never gives a 500', async () => {
  const h = await harness();
  const root = await h.signIn('root-user');
  const withBody = routes.filter((r) => r.method !== 'get');
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...withBody), hostile, fc.boolean(), async (route, body, signedIn) => {
      const path = route.path.replace('{id}', h.users.bob!.id);
      let rawBody: string;
      try {
        rawBody = JSON.stringify(body) ?? 'null';
      } catch {
        rawBody = '{}';
      }
      const reply = await h.call(route.method.toUpperCase(), path, { rawBody, token: signedIn ? root : undefined });
      assert.ok(reply.status < 500, `${route.method} ${path} ${rawBody.slice(0, 200)} → ${reply.status}`);
      return true;
    }),
    { numRuns: 300 },
  );
  await fc.assert(
    fc.asyncProperty(fc.webQueryParameters(), async (query) => {
      for (const path of ['/org/users', '/org/events']) {
        const reply = await h.call('GET', `${path}?${query}`, { token: root });
        assert.ok(reply.status < 500, `${path}?${query} → ${reply.status}`);
      }
    }),
    { numRuns: 100 },
  );
  assert.equal(h.logs.filter((line) => line.includes('unexpected')).length, 0);
});

test('an unexpected error is a plain 500; the log names its kind and place, never its message', async () => {
  const h = await harness({
    deps: {
      store: new Proxy(createMemoryStore(), {
        get(target, property, receiver) {
          if (property === 'findUserByUsername') {
            return async () => {
              throw new Error(`SELECT * FROM users WHERE password = '${password}'`);
            };
          }
          return Reflect.get(target, property, receiver);
        },
      }),
    },
  });
  const reply = await h.request(endpoints.login, { body: { username: 'alice', password } });
  assert.equal(reply.status, 500);
  assert.deepEqual(Object.keys(reply.body).sort(), ['code', 'status', 'title', 'type']);
  assert.equal(reply.body.code, 'internal_error');
  assert.equal(reply.text.includes('SELECT'), false);
  const line = h.logs.find((l) => l.includes('unexpected error'))!;
  assert.ok(line);
  assert.equal(line.includes('SELECT'), false);
  assert.equal(line.includes(password), false);
  assert.match(line, /"path":"\/api\/v1\/login"/);
});

test('no response or log line carries a stack trace, a hash or a secret', async () => {
  const h = await harness();
  const token = await h.withMfa('alice');
  const seen: string[] = [];
  for (const [method, path] of [
    ['GET', '/me'],
    ['GET', '/org/users'],
    ['POST', '/me/reauth'],
    ['GET', '/nope'],
  ] as const) {
    seen.push(
      (await h.call(method, path, { token, body: method === 'POST' ? { password: 'wrong wrong wrong' } : undefined }))
        .text,
    );
  }
  const user = (await h.store.getUser(h.users.alice!.id))!;
  const everything = [...seen, ...h.logs].join('\n');
  for (const secret of [user.passwordHash, user.totpSecretSealed!, h.secrets.get('alice')!, password]) {
    assert.equal(everything.includes(secret), false);
  }
  assert.doesNotMatch(everything, /at .+\.ts:\d+/);
});
