import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { createMemoryStore, StoreUnavailableError } from '@portcullis/server';
import {
  createClient,
  isPortcullisError,
  PortcullisError,
  type PortcullisClient,
  type PortcullisErrorCode,
} from '../src/index.ts';
import { password, serverHarness } from './harness.ts';

type Harness = Awaited<ReturnType<typeof serverHarness>>;

/** Each row makes the real server answer with one code; the client must surface it as such. */
const cases: Array<{
  code: PortcullisErrorCode;
  status: number;
  act: (h: Harness) => Promise<unknown>;
  check?: (e: PortcullisError) => void;
}> = [
  {
    code: 'invalid_request',
    status: 400,
    act: (h) => h.client().login({ username: '', password }),
    check: (e) => assert.equal(e.errors[0]?.path, 'username'),
  },
  {
    code: 'invalid_credentials',
    status: 400,
    act: (h) => h.client().login({ username: 'alice', password: 'not the password at all' }),
  },
  {
    code: 'invalid_code',
    status: 400,
    act: async (h) => {
      const c = await h.signedIn('alice');
      await c.setMfaEnabled(true);
      const login = await c.login({ username: 'alice', password });
      if (login.status === 'authenticated') throw new Error('expected a challenge');
      return c.completeMfa({ challengeId: login.challenge.id, code: '000000' });
    },
  },
  {
    code: 'challenge_expired',
    status: 400,
    act: (h) => h.client().completeMfa({ challengeId: 'gone'.repeat(10), code: '123456' }),
  },
  {
    code: 'rate_limited',
    status: 429,
    act: async (h) => {
      const c = h.client();
      for (let i = 0; i < 5; i++) await c.login({ username: 'bob', password: 'wrong wrong wrong' }).catch(() => {});
      return c.login({ username: 'bob', password });
    },
    check: (e) => assert.equal(e.retryAfter, 1),
  },
  { code: 'unauthenticated', status: 401, act: (h) => h.client().me() },
  { code: 'forbidden', status: 403, act: async (h) => (await h.signedIn('alice')).org.policy() },
  {
    code: 'reauth_required',
    status: 403,
    act: async (h) => {
      const c = await h.signedIn('root-user');
      h.advance(11 * 60_000);
      return c.org.setPolicy({ enforceMfa: true });
    },
  },
  {
    code: 'mfa_enforced',
    status: 403,
    act: async (h) => {
      await (await h.signedIn('root-user')).org.setPolicy({ enforceMfa: true });
      return (await h.signedIn('alice')).setMfaEnabled(false);
    },
  },
  {
    code: 'password_policy',
    status: 400,
    act: async (h) =>
      (await h.signedIn('alice')).changePassword({ currentPassword: password, newPassword: 'tiny but mine' }),
    check: (e) =>
      assert.deepEqual(
        e.errors.map((x) => x.code),
        ['too_short'],
      ),
  },
  { code: 'not_found', status: 404, act: async (h) => (await h.signedIn('root-user')).org.resetUserMfa('usr_nobody') },
  {
    code: 'conflict',
    status: 409,
    act: async (h) => (await h.signedIn('root-user')).org.createUser({ username: 'alice', password }),
  },
  {
    code: 'payload_too_large',
    status: 413,
    act: async (h) =>
      (await h.signedIn('root-user')).org.createUser({ username: 'carol', password: 'x'.repeat(70_000) }),
  },
];

for (const { code, status, act, check } of cases) {
  test(`the server's ${code} arrives as PortcullisError ${code} (${status})`, async () => {
    const h = await serverHarness();
    await assert.rejects(act(h), (error: unknown) => {
      assert.ok(isPortcullisError(error, code), `got ${String(error)}`);
      assert.equal(error.status, status);
      assert.ok(error.message.length > 0);
      assert.ok(error.cause, 'the original error is kept');
      check?.(error);
      return true;
    });
  });
}

test('unavailable: a server that cannot reach its database answers 503 with Retry-After, and the SDK says so', async () => {
  const store = createMemoryStore();
  const away = () => Promise.reject(new StoreUnavailableError('connection refused'));
  const h = await serverHarness({ store: { ...store, findUserByUsername: away, getSessionContext: away, ping: away } });
  await assert.rejects(h.client().login({ username: 'alice', password }), (error) => {
    assert.ok(isPortcullisError(error, 'unavailable'));
    assert.equal(error.status, 503);
    assert.equal(error.retryAfter, 2);
    assert.equal(error.message.includes('refused'), false, 'no internals');
    return true;
  });
  const health = await h.fetch('http://localhost/api/v1/health');
  assert.equal(health.status, 503);
  assert.equal(health.headers.get('retry-after'), '2');
});

test('internal_error: an unexpected server failure is a plain 500', async () => {
  const store = createMemoryStore();
  const h = await serverHarness({
    store: { ...store, findUserByUsername: () => Promise.reject(new Error('disk on fire')) },
  });
  await assert.rejects(
    h.client().login({ username: 'alice', password }),
    (error) => isPortcullisError(error, 'internal_error') && error.status === 500 && !error.message.includes('disk'),
  );
});

test('a response that breaks the contract is invalid_response, naming the field', async () => {
  const h = await serverHarness();
  const tampering = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const response = await h.fetch(input, init);
    if (!url.endsWith('/me')) return response;
    const body = await response.json();
    body.mfa.enabled = 'yes'; // one field altered in a real answer
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const client = h.client({ fetch: tampering });
  await client.login({ username: 'alice', password });
  await assert.rejects(
    client.me(),
    (error) => isPortcullisError(error, 'invalid_response') && /mfa\.enabled/.test(error.message),
  );
});

test('an error answer without a problem body is invalid_response with its status', async () => {
  const client = createClient({
    baseUrl: 'http://localhost/api/v1',
    fetch: (async () => new Response('<h1>Bad gateway</h1>', { status: 502 })) as typeof fetch,
    retry: 0,
  });
  await assert.rejects(client.me(), (error) => isPortcullisError(error, 'invalid_response') && error.status === 502);
});

test('a server that does not answer in time gives timeout', async () => {
  const hanging = ((input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      const signal = new Request(input, init).signal;
      signal.addEventListener('abort', () => reject(signal.reason));
    })) as typeof fetch;
  const client = createClient({ baseUrl: 'http://localhost/api/v1', fetch: hanging, timeout: 50, retry: 0 });
  await assert.rejects(client.me(), (error) => isPortcullisError(error, 'timeout'));
});

test('a refused connection gives network', async () => {
  const port = await new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
  const client: PortcullisClient = createClient({ baseUrl: `http://127.0.0.1:${port}/api/v1`, retry: 0 });
  await assert.rejects(
    client.passwordPolicy(),
    (error) => isPortcullisError(error, 'network') && error.cause !== undefined,
  );
});

test('reads are retried, writes are not', async () => {
  const h = await serverHarness();
  const calls: string[] = [];
  let failNext = 0;
  const flaky = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push(request.method);
    if (failNext > 0) {
      failNext--;
      return new Response(null, { status: 503 });
    }
    return h.fetch(request);
  }) as typeof fetch;
  const client = createClient({ baseUrl: 'http://localhost/api/v1', fetch: flaky, retry: 2 });
  failNext = 1;
  assert.equal((await client.passwordPolicy()).minLength, 15);
  assert.deepEqual(calls, ['GET', 'GET']);
  calls.length = 0;
  failNext = 1;
  await assert.rejects(client.login({ username: 'alice', password }));
  assert.deepEqual(calls, ['POST']);
});

test('reauth-required fires for the host to ask and retry; handlers can unsubscribe', async () => {
  const h = await serverHarness();
  const root = await h.signedIn('root-user');
  const fired: string[] = [];
  const off = root.on('reauth-required', (error) => fired.push(error.code));
  h.advance(11 * 60_000);
  await assert.rejects(root.org.setPolicy({ enforceMfa: true }));
  await root.reauthenticate({ password });
  assert.equal((await root.org.setPolicy({ enforceMfa: true })).enforceMfa, true);
  off();
  h.advance(11 * 60_000);
  await assert.rejects(root.org.setPolicy({ enforceMfa: false }));
  assert.deepEqual(fired, ['reauth_required']);
});

test('isPortcullisError narrows across copies of the SDK by name', () => {
  const foreign = Object.assign(new Error('x'), { name: 'PortcullisError', code: 'conflict' });
  assert.equal(isPortcullisError(foreign, 'conflict'), true);
  assert.equal(isPortcullisError(new Error('x')), false);
  assert.equal(isPortcullisError(new PortcullisError('timeout', 't'), 'network'), false);
});
