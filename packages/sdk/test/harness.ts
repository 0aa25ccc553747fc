import { createApp, createMemoryStore, createOrganization, totpCode, type AppDeps } from '@portcullis/server';
import { commonPasswordList, createNativeArgon2Hasher } from '@portcullis/server/node';
import { createClient, type ClientOptions, type PortcullisClient } from '../src/index.ts';

export const password = 'a perfectly long passphrase';
const hasher = createNativeArgon2Hasher();
const commonPasswords = commonPasswordList();

/** The real server handler, in-process: the client's `fetch` is `app.fetch`, nothing is faked. */
export async function serverHarness(extra: Partial<AppDeps> = {}) {
  const clock = {
    current: Date.UTC(2026, 0, 1, 12),
    now() {
      return this.current;
    },
  };
  const deps: AppDeps = {
    store: createMemoryStore(),
    hasher,
    secretKey: new Uint8Array(32).fill(3),
    clock,
    commonPasswords,
    logger: { info() {}, error() {} },
    ...extra,
  };
  const app = createApp(deps);
  const { users } = await createOrganization(deps, {
    name: 'Acme',
    root: { username: 'root-user', password },
    subusers: [
      { username: 'alice', password },
      { username: 'bob', password },
    ],
  });
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    app.fetch(new Request(input, init))) as typeof globalThis.fetch;
  const client = (options: Partial<ClientOptions> = {}): PortcullisClient =>
    createClient({ baseUrl: 'http://localhost/api/v1', fetch, tokenType: 'bearer', retry: 0, ...options });
  const advance = (ms: number) => void (clock.current += ms);
  const code = (secret: string) => totpCode(secret, clock.current);
  /** Signs in through whatever the server asks for; returns the client and the secret if enrolled. */
  async function signedIn(username: string, secrets: Map<string, string> = new Map()) {
    const c = client();
    const result = await c.login({ username, password });
    if (result.status === 'mfa_setup_required') {
      if (!result.enrollment) throw new Error(`${username} may enroll only a passkey here`);
      secrets.set(username, result.enrollment.secret);
      await c.completeMfa({ challengeId: result.challenge.id, code: await code(result.enrollment.secret) });
    } else if (result.status === 'mfa_required') {
      advance(30_000);
      await c.completeMfa({ challengeId: result.challenge.id, code: await code(secrets.get(username)!) });
    }
    return c;
  }
  return { app, fetch, client, advance, code, signedIn, users: Object.fromEntries(users.map((u) => [u.username, u])) };
}
