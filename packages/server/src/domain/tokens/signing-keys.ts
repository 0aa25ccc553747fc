import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Jwks } from '@portcullis/sdk/contract';
import { newId } from '../../crypto/tokens.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import type { Clock, RandomSource } from '../../ports.ts';
import type { SigningKeyRecord, Store } from '../../store/store.ts';
import { signingKeyAssociatedData } from '../sealed-secrets.ts';

const minute = 60_000;

/** No token lives longer than this, whatever `--token-ttl` says. */
export const maxTokenTtlMs = 60 * minute;

/** How long verifiers may cache the JWKS (its `Cache-Control: max-age`). */
export const jwksMaxAgeSeconds = 60;

/**
 * A rotated-in key is published this long before it signs: longer than a cached JWKS lives plus a
 * verifier's pause between refetches, so every verifier knows the key before it sees a token.
 */
export const keyActivationDelayMs = 3 * minute;

/**
 * A key stays published this long after its successor starts signing: past the longest a token
 * can live, plus a minute of clock skew, so rotation never breaks a live token.
 */
export const keyRetentionMs = maxTokenTtlMs + minute;

/** How long an instance reuses the key list it read; well under the activation delay, so each instance switches keys in time. */
const keyCacheMs = 30_000;

export interface CurrentKey {
  kid: string;
  privateKey: CryptoKey;
}

/** The token signing keys, as every instance shares them through the store. */
export interface SigningKeys {
  /** The key to sign with now: the newest one already active. Makes the first key when there is none. */
  current(): Promise<CurrentKey>;
  /** The public keys still published, as a JWKS (`kid`, `alg: EdDSA`, `use: sig`); never a private part. */
  jwks(): Promise<Jwks>;
  /** Adds a new key that starts signing after the activation delay; the previous ones stay until their tokens have expired. Answers its kid. */
  rotate(): Promise<{ kid: string; activeFrom: number; previousDropAfter: number }>;
}

export function createSigningKeys(deps: {
  store: Store;
  secretBox: Promise<SecretBox>;
  clock: Clock;
  random: RandomSource;
}): SigningKeys {
  const { store, clock, random } = deps;
  let cache: { readAt: number; keys: SigningKeyRecord[] } | undefined;
  const privateKeys = new Map<string, Promise<CryptoKey>>();

  async function newKey(activeFrom: number): Promise<SigningKeyRecord> {
    const kid = newId('sig', random);
    const pair = await generateKeyPair('Ed25519', { extractable: true });
    const { x, crv, kty } = await exportJWK(pair.publicKey);
    const privateJwk = JSON.stringify(await exportJWK(pair.privateKey));
    const box = await deps.secretBox;
    return {
      kid,
      publicJwk: JSON.stringify({ kty, crv, x, kid, alg: 'EdDSA', use: 'sig' }),
      privateSealed: await box.seal(privateJwk, signingKeyAssociatedData(kid)),
      createdAt: clock.now(),
      activeFrom,
      dropAfter: null,
    };
  }

  async function published(): Promise<SigningKeyRecord[]> {
    const now = clock.now();
    if (!cache || now - cache.readAt >= keyCacheMs || now < cache.readAt) {
      let keys = await store.listSigningKeys(now);
      // Two instances may both find none: the store keeps one of their first keys.
      if (keys.length === 0) keys = await store.addFirstSigningKey(await newKey(now), now);
      cache = { readAt: now, keys };
    }
    return cache.keys.filter((k) => k.dropAfter === null || k.dropAfter > now);
  }

  function privateKeyOf(key: SigningKeyRecord): Promise<CryptoKey> {
    let found = privateKeys.get(key.kid);
    if (!found) {
      found = deps.secretBox
        .then((box) => box.open(key.privateSealed, signingKeyAssociatedData(key.kid)))
        .then((jwk) => importJWK(JSON.parse(jwk) as JWK, 'EdDSA') as Promise<CryptoKey>);
      // A failure is not remembered: the next request tries again.
      found.catch(() => privateKeys.delete(key.kid));
      privateKeys.set(key.kid, found);
    }
    return found;
  }

  return {
    async current() {
      const now = clock.now();
      const keys = await published();
      // Newest first; a key not yet active is only published.
      const key = keys.find((k) => k.activeFrom <= now) ?? keys.at(-1)!;
      return { kid: key.kid, privateKey: await privateKeyOf(key) };
    },
    async jwks() {
      return { keys: (await published()).map((k) => JSON.parse(k.publicJwk) as Jwks['keys'][number]) };
    },
    async rotate() {
      const activeFrom = clock.now() + keyActivationDelayMs;
      const key = await newKey(activeFrom);
      const previousDropAfter = activeFrom + keyRetentionMs;
      await store.rotateSigningKey(key, previousDropAfter);
      cache = undefined;
      return { kid: key.kid, activeFrom, previousDropAfter };
    },
  };
}
