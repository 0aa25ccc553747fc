import { createSecretBox, type SecretBox } from './crypto/secret-box.ts';
import {
  consoleLogger,
  cryptoRandom,
  defaultSettings,
  systemClock,
  type AppDeps,
  type Clock,
  type Logger,
  type RandomSource,
  type ServerSettings,
} from './deps.ts';
import type { PasswordHasher } from './crypto/password-hasher.ts';
import { withImportedHashes } from './crypto/imported-hash.ts';
import type { BreachedPasswordCheck, WebhookNetwork } from './ports.ts';
import type { Store } from './store/store.ts';
import { toBase64Url } from './crypto/encoding.ts';
import { createKeyedHash } from './crypto/keyed-hash.ts';
import { createHousekeeping } from './domain/housekeeping.ts';
import { createSigningKeys, maxTokenTtlMs, type SigningKeys } from './domain/tokens/signing-keys.ts';

/** The dependencies with defaults filled in, as the domain functions receive them. */
export interface Services {
  store: Store;
  /** Our Argon2id, and imported hashes where the deployment verifies them (`verifiesImportedHashes`). */
  hasher: PasswordHasher;
  verifiesImportedHashes: boolean;
  secretBox: Promise<SecretBox>;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
  settings: ServerSettings;
  commonPasswords: ReadonlySet<string>;
  breachedPasswordCheck: BreachedPasswordCheck | undefined;
  /** HMAC under a key derived from the server key: for lookup keys that must not keep typed text. */
  keyedHash: (text: string) => string;
  /** A hash of a random password, verified for unknown usernames so they take as long as known ones. */
  dummyHash: () => Promise<string>;
  /** Deletes what can no longer be used, at most every ten minutes. */
  housekeeping: () => Promise<void>;
  /** The keys that sign tokens for integrators' backends, shared by every instance through the store. */
  signingKeys: SigningKeys;
  /** Where webhooks go out; null where the runtime has no network port (then none are registered). */
  webhookNetwork: WebhookNetwork | null;
}

export function createServices(deps: AppDeps): Services {
  if (deps.secretKey.length !== 32) throw new Error('secretKey must be 32 bytes (AES-256)');
  const random = deps.random ?? cryptoRandom;
  const clock = deps.clock ?? systemClock;
  const settings = { ...defaultSettings, ...deps.settings };
  if (!(settings.tokenTtlMs >= 1000 && settings.tokenTtlMs <= maxTokenTtlMs))
    throw new Error('tokenTtlMs must be from 1 second to 1 hour');
  const secretBox = createSecretBox(deps.secretKey);
  let dummy: Promise<string> | undefined;
  return {
    store: deps.store,
    hasher: deps.importedHashes ? withImportedHashes(deps.hasher, deps.importedHashes) : deps.hasher,
    verifiesImportedHashes: deps.importedHashes !== undefined,
    secretBox,
    clock,
    random,
    logger: deps.logger ?? consoleLogger,
    settings,
    commonPasswords: deps.commonPasswords ?? new Set(),
    breachedPasswordCheck: deps.breachedPasswordCheck,
    keyedHash: createKeyedHash(deps.secretKey),
    dummyHash: () => (dummy ??= deps.hasher.hash(toBase64Url(random.bytes(16)))),
    housekeeping: createHousekeeping({ store: deps.store, clock, idleMs: settings.sessionIdleTimeoutMs }),
    signingKeys: createSigningKeys({ store: deps.store, secretBox, clock, random }),
    webhookNetwork: deps.webhookNetwork ?? null,
  };
}
