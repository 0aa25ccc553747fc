/**
 * The real account API inside the test page: Mock Service Worker hands every `/api/v1/*` request
 * of the page to `createApp` over a fresh in-memory store. Nothing here writes an answer by hand.
 */
import { createClient, type PortcullisClient } from '@portcullis/sdk';
import {
  createApp,
  createMemoryStore,
  createNobleArgon2Hasher,
  createOrganization,
  totpCode,
  type AppDeps,
  type PortcullisApp,
  type WebhookNetwork,
} from '@portcullis/server';
import { http } from 'msw';
import { setupWorker } from 'msw/browser';

export const password = 'a perfectly long passphrase';
// Test-only: real Argon2id, with a small memory cost so that pure-JS hashing stays quick in the page.
const hasher = createNobleArgon2Hasher({ memoryKiB: 256, iterations: 1, parallelism: 1 });

let app: PortcullisApp | undefined;

/**
 * Webhooks from the page (#20): a real POST with the browser's fetch to the test server itself
 * (which answers 404 to it), so deliveries show real tries. Every host is taken as this machine,
 * which only `webhooksAllowPrivate` lets through: the address rule is the server's own tests'.
 */
const pageWebhookNetwork: WebhookNetwork = {
  resolve: async () => ['127.0.0.1'],
  isPublic: () => false,
  async post({ url, headers, body, timeoutMs }) {
    try {
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
      return { status: response.status, body: (await response.text()).slice(0, 4096) };
    } catch (error) {
      return { error: `connection failed (${(error as Error).name})` };
    }
  },
};
let started: Promise<unknown> | undefined;

function startWorker() {
  const worker = setupWorker(
    http.all('*/api/v1/*', ({ request }) => {
      if (!app) throw new Error('no in-page server');
      return app.fetch(request);
    }),
  );
  return worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
}

export interface InPageServer {
  clock: { now(): number; advance(ms: number): void };
  /** A bearer client for this server; signed in as `username` when given. */
  client(username?: string): Promise<PortcullisClient>;
  /** A bearer client of a user who turned MFA on and linked an authenticator (signed in through MFA). */
  enrolled(username: string): Promise<{ client: PortcullisClient; secret: string; recoveryCodes: string[] }>;
  /** The TOTP code a user's authenticator shows, at a fresh time step. */
  nextCode(secret: string): Promise<string>;
  createUsers(count: number): Promise<void>;
  /** One round of the webhook worker: sends what is due. */
  deliverWebhooks(): Promise<number>;
  /** Another session of the user, as if signed in from another browser (tests cannot set User-Agent). */
  addSession(username: string, userAgent: string, clientAddress: string, lastSeenAgoMs: number): Promise<void>;
}

/** A fresh server (root-user, alice, bob in "Acme") for one test. */
export async function inPageServer(extra: Partial<AppDeps> = {}): Promise<InPageServer> {
  let now = Date.now();
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const deps: AppDeps = {
    store: createMemoryStore(),
    hasher,
    secretKey: new Uint8Array(32).fill(5),
    clock,
    commonPasswords: new Set(['passwordpassword']),
    logger: { info() {}, error() {} },
    webhookNetwork: pageWebhookNetwork,
    ...extra,
    settings: { webhooksAllowPrivate: true, ...extra.settings },
  };
  app = createApp(deps);
  const { users } = await createOrganization(deps, {
    name: 'Acme',
    root: { username: 'root-user', password },
    subusers: [
      { username: 'alice', password },
      { username: 'bob', password },
    ],
  });
  started ??= startWorker();
  await started;
  const root = users[0]!;
  const server: InPageServer = {
    clock,
    async client(username) {
      const client = createClient({ baseUrl: '/api/v1', tokenType: 'bearer', retry: 0 });
      if (username) {
        const result = await client.login({ username, password });
        if (result.status !== 'authenticated') throw new Error(`${username} needs MFA in this test`);
      }
      return client;
    },
    async enrolled(username) {
      const client = await server.client(username);
      await client.setMfaEnabled(true);
      const enroll = await client.login({ username, password });
      if (enroll.status !== 'mfa_setup_required') throw new Error(`${username} should enroll`);
      if (!enroll.enrollment) throw new Error(`${username} may enroll only a passkey here`);
      const done = await client.completeMfa({
        challengeId: enroll.challenge.id,
        code: await totpCode(enroll.enrollment.secret, now),
      });
      if (done.status !== 'authenticated') throw new Error(`${username} should be signed in`);
      return { client, secret: enroll.enrollment.secret, recoveryCodes: done.recoveryCodes ?? [] };
    },
    deliverWebhooks: () => app!.webhooks.deliverDue(),
    async nextCode(secret) {
      clock.advance(30_000);
      return totpCode(secret, clock.now());
    },
    async addSession(username, userAgent, clientAddress, lastSeenAgoMs) {
      const user = (await deps.store.findUserByUsername(username))!;
      const id = Math.random().toString(36).slice(2);
      await deps.store.createSession(
        {
          tokenHash: `test-${id}`,
          id: `ses_test${id}`,
          userId: user.id,
          createdAt: now - lastSeenAgoMs,
          lastSeenAt: now - lastSeenAgoMs,
          expiresAt: now + 86_400_000,
          reauthAt: 0,
          reauthSecondFactor: false,
          mfaPassed: false,
          amr: ['pwd'],
          userAgent,
          clientAddress,
        },
        null,
        // Made directly, not by a sign-in: only the user's existence is checked.
        { passwordHash: null, singleFactor: false, at: now },
      );
    },
    async createUsers(count) {
      for (let i = 0; i < count; i++) {
        await deps.store.createUser(
          {
            ...root,
            id: `usr_bulk${i}`,
            username: `user-${String(i).padStart(5, '0')}`,
            role: 'subuser',
            lastActiveAt: null,
          },
          {
            orgId: root.orgId,
            type: 'user_created',
            at: now,
            actorId: null,
            actorUsername: null,
            targetId: null,
            targetUsername: null,
            clientAddress: null,
            reason: null,
          },
        );
      }
    },
  };
  return server;
}
