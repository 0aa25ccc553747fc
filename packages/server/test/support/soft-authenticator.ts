/**
 * A software authenticator for the server's tests: real P-256 keys through WebCrypto, real CBOR
 * attestation objects and real ECDSA signatures, so every verification rule meets genuine
 * registration and assertion responses it can check byte for byte. (The browser tests use
 * Chromium's own virtual authenticator.)
 */
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url } from '../../src/crypto/encoding.ts';

const encoder = new TextEncoder();
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const uint32 = (n: number) => new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

/** WebAuthn's ES256 signatures are DER-encoded; WebCrypto gives r‖s. */
function toDer(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let trimmed = bytes.slice(i);
    if ((trimmed[0] as number) & 0x80) trimmed = concat(new Uint8Array([0]), trimmed);
    return concat(new Uint8Array([0x02, trimmed.length]), trimmed);
  };
  const body = concat(integer(raw.slice(0, 32)), integer(raw.slice(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

export interface SoftCredential {
  id: string;
  keys: CryptoKeyPair;
  counter: number;
}

export interface Ceremony {
  /** The options' challenge. */
  challenge: string;
  /** Defaults to the relying party's own; set to play a phishing page. */
  origin?: string;
  rpId?: string;
  /** Default true: a passkey verifies its user (PIN, biometrics). */
  userVerified?: boolean;
}

export function softAuthenticator(defaults: { origin: string; rpId: string }) {
  const flags = (uv: boolean, attested: boolean) => new Uint8Array([0x01 | (uv ? 0x04 : 0) | (attested ? 0x40 : 0)]);
  const clientData = (type: string, c: Ceremony) =>
    encoder.encode(
      JSON.stringify({ type, challenge: c.challenge, origin: c.origin ?? defaults.origin, crossOrigin: false }),
    );

  return {
    /** A new credential (or `again`, presented once more) and the registration response that registers it. */
    async register(
      c: Ceremony & { again?: SoftCredential },
    ): Promise<{ credential: SoftCredential; response: Record<string, unknown> }> {
      const keys =
        c.again?.keys ??
        ((await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
          'sign',
          'verify',
        ])) as CryptoKeyPair);
      const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
      const fromJwk = (v: string) =>
        Uint8Array.from(
          atob(v.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (v.length % 4)) % 4)),
          (ch) => ch.charCodeAt(0),
        );
      const cose = isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, fromJwk(jwk.x!)],
          [-3, fromJwk(jwk.y!)],
        ]),
      );
      const idBytes = c.again ? fromJwk(c.again.id) : crypto.getRandomValues(new Uint8Array(16));
      const authData = concat(
        sha256(encoder.encode(c.rpId ?? defaults.rpId)),
        flags(c.userVerified ?? true, true),
        uint32(0),
        new Uint8Array(16),
        new Uint8Array([0, idBytes.length]),
        idBytes,
        cose,
      );
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authData],
        ]) as never,
      );
      const id = toBase64Url(idBytes);
      return {
        credential: c.again ?? { id, keys, counter: 0 },
        response: {
          id,
          rawId: id,
          type: 'public-key',
          response: {
            clientDataJSON: toBase64Url(clientData('webauthn.create', c)),
            attestationObject: toBase64Url(attestationObject),
            transports: ['internal'],
          },
          clientExtensionResults: {},
          authenticatorAttachment: 'platform',
        },
      };
    },
    /** An assertion by `credential`; its counter goes up by one unless `counter` says otherwise. */
    async assert(
      credential: SoftCredential,
      c: Ceremony & { counter?: number; userHandle?: string },
    ): Promise<Record<string, unknown>> {
      credential.counter = c.counter ?? credential.counter + 1;
      const authData = concat(
        sha256(encoder.encode(c.rpId ?? defaults.rpId)),
        flags(c.userVerified ?? true, false),
        uint32(credential.counter),
      );
      const data = clientData('webauthn.get', c);
      const signed = concat(authData, sha256(data));
      const raw = new Uint8Array(
        await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, credential.keys.privateKey, signed),
      );
      return {
        id: credential.id,
        rawId: credential.id,
        type: 'public-key',
        response: {
          clientDataJSON: toBase64Url(data),
          authenticatorData: toBase64Url(authData),
          signature: toBase64Url(toDer(raw)),
          ...(c.userHandle ? { userHandle: c.userHandle } : {}),
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
  };
}
