import {
  anyEndpointErrors,
  endpoints,
  pathWith,
  routes,
  type HasParams,
  type PathParams,
  type Problem,
  type RouteSpec,
} from '@portcullis/sdk/contract';
import * as z from 'zod/mini';
import { createApp, type PortcullisApp } from '../../src/app.ts';
import { createNativeArgon2Hasher } from '../../src/crypto/native-argon2-hasher.ts';
import { createImportedHashVerifier } from '../../src/crypto/node-imported-hashes.ts';
import type { PasswordHasher } from '../../src/crypto/password-hasher.ts';
import { totpCode } from '../../src/crypto/totp.ts';
import type { AppDeps, Logger, ServerSettings } from '../../src/deps.ts';
import { createOrganization } from '../../src/domain/org/organizations.ts';
import { commonPasswordList } from '../../src/node.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import type { Store, UserRecord } from '../../src/store/store.ts';

export const password = 'a perfectly long passphrase';
export const start = Date.UTC(2026, 0, 1, 12, 0, 0);
const sharedHasher = createNativeArgon2Hasher();
const sharedCommon = commonPasswordList();
const sharedImportedHashes = createImportedHashVerifier();

export class ManualClock {
  constructor(public current: number = start) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  text: string;
}

export interface Harness {
  app: PortcullisApp;
  store: Store;
  clock: ManualClock;
  logs: string[];
  orgId: string;
  users: Record<string, UserRecord>;
  /** TOTP secrets learned at enrollment, by username. */
  secrets: Map<string, string>;
  recoveryCodes: Map<string, string[]>;
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  /**
   * Calls one entry of the route table, as the client does: the path built from its parameters,
   * and a successful reply's body checked against the entry's response schema (a reply that left
   * its schema fails the test). Raw paths (`call`) are for tests about paths themselves.
   */
  request<R extends RouteSpec>(entry: R, options?: EntryCallOptions<R>): Promise<EntryReply<R>>;
  /** A bearer session for the user, going through enrollment or the MFA step as needed. */
  signIn(username: string, pass?: string): Promise<string>;
  /** Turns the user's MFA on and links an authenticator; returns a session that passed MFA. */
  withMfa(username: string): Promise<string>;
  /** A code for the user's linked authenticator at a fresh time step. */
  nextCode(username: string): Promise<string>;
  /** A second organization with its own root user and subuser. */
  otherOrg(): Promise<{ root: UserRecord; sub: UserRecord }>;
}

/** Every key of any member of a union. */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/**
 * A union of reply shapes read as one: each key any variant has, typed by the variants that have
 * it. Tests read a reply whose variant the status already told them (`assert.equal(body.status,
 * 'mfa_required')` then `body.challenge.id`); a misspelt or unknown field still does not compile.
 */
export type Readable<T> = [T] extends [never]
  ? never
  : [T] extends [readonly (infer E)[]]
    ? Readable<E>[]
    : [T] extends [object]
      ? { [K in KnownKeys<T>]: Readable<Exclude<ValueOf<T, K>, undefined>> } & LooseRest<T>
      : T;

/** The named keys of a union's members, index signatures aside. */
type KnownKeys<T> = T extends unknown ? keyof { [K in keyof T as string extends K ? never : K]: T[K] } : never;

/**
 * The contract leaves WebAuthn options loose (`looseObject`: the server's library builds them,
 * the browser's reads them); tests read their other fields as the browser would.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- WebAuthn options' other fields, see above
type LooseRest<T> = string extends KeysOfUnion<T> ? Record<string, any> : unknown;

/** The type of key `K` in the members of union `T` that have it. */
type ValueOf<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/** A reply by entry: its body typed by the entry's response schema, or the problem it answered. */
export interface EntryReply<R extends RouteSpec> extends Omit<Reply, 'body'> {
  body: Readable<(R['response'] extends z.core.$ZodType ? z.infer<R['response']> : never) | Problem>;
}

/** A call by entry: its path parameters by name (required where the path has any), and a query. */
export type EntryCallOptions<R extends RouteSpec> = CallOptions & { query?: Record<string, string> } & (HasParams<
    R['path']
  > extends true
    ? { params: PathParams<R['path']> }
    : { params?: undefined });

export interface HarnessOptions {
  store?: Store;
  settings?: Partial<ServerSettings>;
  hasher?: PasswordHasher;
  deps?: Partial<AppDeps>;
}

export const secretKey = new Uint8Array(32).fill(7);

/** Each entry's path as a pattern over the harness's paths (under /api/v1, query aside). */
const routePatterns = routes.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+').replaceAll('.', '\\.')}(\\?.*)?$`),
}));

/**
 * The route table lists the problem codes each endpoint answers with (they feed the OpenAPI
 * document and the client's types): a reply with a code its entry does not list fails the test
 * that got it (#29). Paths that are no entry (variants, unknown routes) are not checked.
 */
function assertDeclaredCode(method: string, path: string, body: unknown): void {
  const code = (body as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return;
  const entry = routePatterns.find(
    ({ route, pattern }) => route.method === method.toLowerCase() && pattern.test(path),
  )?.route;
  if (
    !entry ||
    (entry.errors as readonly string[]).includes(code) ||
    (anyEndpointErrors as readonly string[]).includes(code)
  )
    return;
  throw new Error(
    `${method} ${path} answered ${code}, which its entry (${entry.name}) does not list in the route table`,
  );
}

/**
 * The real app over a real store and the real Argon2id, with a clock the test moves. One root
 * user `root-user` and subusers `alice` and `bob` in organization "Acme".
 */
export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock();
  const logs: string[] = [];
  const logger: Logger = {
    info: (message, fields) => logs.push(JSON.stringify({ message, ...fields })),
    error: (message, fields) => logs.push(JSON.stringify({ message, ...fields })),
  };
  const store = options.store ?? createMemoryStore();
  const deps: AppDeps = {
    store,
    hasher: options.hasher ?? sharedHasher,
    importedHashes: sharedImportedHashes,
    secretKey,
    clock,
    logger,
    commonPasswords: sharedCommon,
    settings: options.settings,
    clientAddress: (request) => request.headers.get('x-test-address'),
    ...options.deps,
  };
  const app = createApp(deps);
  const { org, users: created } = await createOrganization(deps, {
    name: 'Acme',
    root: { username: 'root-user', password },
    subusers: [
      { username: 'alice', password },
      { username: 'bob', password },
    ],
  });
  const users = Object.fromEntries(created.map((u) => [u.username, u]));
  const secrets = new Map<string, string>();
  const recoveryCodes = new Map<string, string[]>();

  async function call(method: string, path: string, o: CallOptions = {}): Promise<Reply> {
    const headers = new Headers(o.headers);
    if (o.body !== undefined || o.rawBody !== undefined)
      headers.set('content-type', headers.get('content-type') ?? 'application/json');
    if (o.token) headers.set('authorization', `Bearer ${o.token}`);
    if (o.cookie) headers.set('cookie', o.cookie);
    const response = await app.fetch(
      // Well-known documents sit at the origin's root, everything else under the API's prefix.
      new Request(`http://localhost${path.startsWith('/.well-known/') ? '' : '/api/v1'}${path}`, {
        method,
        headers,
        body: o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
      }),
    );
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    assertDeclaredCode(method, path, body);
    return { status: response.status, headers: response.headers, body, text };
  }

  async function request<R extends RouteSpec>(entry: R, options?: EntryCallOptions<R>): Promise<EntryReply<R>> {
    const { params, query, ...rest } = (options ?? {}) as CallOptions & {
      params?: Record<string, string>;
      query?: Record<string, string>;
    };
    const path = pathWith(entry, params);
    const search = query ? `?${new URLSearchParams(query).toString()}` : '';
    const reply = await call(entry.method.toUpperCase(), `${path}${search}`, rest);
    if (reply.status === entry.status && entry.response) {
      const parsed = z.safeParse(entry.response, reply.body);
      if (!parsed.success)
        throw new Error(
          `${entry.method.toUpperCase()} ${entry.path}: the reply left its schema: ${parsed.error.message}`,
        );
    }
    return reply as EntryReply<R>;
  }

  async function nextCode(username: string): Promise<string> {
    const secret = secrets.get(username);
    if (!secret) throw new Error(`${username} has no authenticator in this test`);
    clock.advance(30_000);
    return totpCode(secret, clock.now());
  }

  async function signIn(username: string, pass = password): Promise<string> {
    const login = await request(endpoints.login, { body: { username, password: pass, tokenType: 'bearer' } });
    if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${login.text}`);
    if (login.body.status === 'authenticated') return login.body.token;
    let code: string;
    if (login.body.status === 'mfa_setup_required') {
      secrets.set(username, login.body.enrollment.secret);
      code = await totpCode(login.body.enrollment.secret, clock.now());
    } else {
      code = await nextCode(username);
    }
    const done = await request(endpoints.completeMfa, { body: { challengeId: login.body.challenge.id, code } });
    if (done.status !== 200) throw new Error(`mfa ${username}: ${done.status} ${done.text}`);
    if (done.body.recoveryCodes) recoveryCodes.set(username, done.body.recoveryCodes);
    return done.body.token;
  }

  async function withMfa(username: string): Promise<string> {
    await request(endpoints.setMfaEnabled, { token: await signIn(username), body: { enabled: true } });
    return signIn(username);
  }

  async function otherOrg() {
    const { users: other } = await createOrganization(deps, {
      name: 'Globex',
      root: { username: 'globex-root', password },
      subusers: [{ username: 'globex-sub', password }],
    });
    return { root: other[0] as UserRecord, sub: other[1] as UserRecord };
  }

  return {
    app,
    store,
    clock,
    logs,
    orgId: org.id,
    users,
    secrets,
    recoveryCodes,
    call,
    request,
    signIn,
    withMfa,
    nextCode,
    otherOrg,
  };
}
