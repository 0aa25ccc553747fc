import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { RandomSource } from '../ports.ts';
import type { PasskeyRecord } from '../store/store.ts';
import { fromBase64Url, toBase64Url } from './encoding.ts';

/**
 * The relying party: the API's public origin (never `Host`), and its host name as the RP ID.
 * Browsers refuse an IP address as an RP ID: passkeys need a name such as `localhost`.
 */
export interface RelyingParty {
  name: string;
  id: string;
  origin: string;
}

/** WebAuthn ceremonies last two minutes: as long as a person takes to find a security key. */
export const ceremonyTimeoutMs = 120_000;

/** A fresh 256-bit challenge from the injected source, so tests can replay recorded answers. */
export const newChallenge = (random: RandomSource) => toBase64Url(random.bytes(32));

/** Discoverable credentials with user verification: a passkey alone signs in with both factors. */
export function registrationOptions(
  rp: RelyingParty,
  user: { id: string; username: string },
  existing: PasskeyRecord[],
  challenge: string,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.username,
    userDisplayName: user.username,
    userID: new TextEncoder().encode(user.id),
    // As bytes: a string would be taken as text and encoded again.
    challenge: fromBase64Url(challenge),
    timeout: ceremonyTimeoutMs,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

export function authenticationOptions(
  rp: RelyingParty,
  allowed: PasskeyRecord[] | null,
  challenge: string,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge: fromBase64Url(challenge),
    timeout: ceremonyTimeoutMs,
    userVerification: 'required',
    ...(allowed ? { allowCredentials: allowed.map((p) => ({ id: p.credentialId, transports: p.transports })) } : {}),
  });
}

/** The transport names WebAuthn Level 3 defines; `cable` is the older name of `hybrid`. */
const knownTransports = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/**
 * The transports an answer lists are only hints for the browser, and the browser's to fill: an
 * array of known names is kept, anything else (a string, an object, a number, unknown names,
 * duplicates) is dropped rather than stored or allowed to fail the request (#28 F5).
 */
export function knownTransportsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((t): t is string => typeof t === 'string' && knownTransports.has(t)))];
}

/** A new credential, checked: challenge, origin, RP ID, user presence and verification. Null when any fails. */
export async function verifyRegistration(
  rp: RelyingParty,
  response: unknown,
  expectedChallenge: string,
): Promise<{ credentialId: string; publicKey: string; counter: number; transports: string[] } | null> {
  try {
    const result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    if (!result.verified) return null;
    const { credential } = result.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: toBase64Url(credential.publicKey),
      counter: credential.counter,
      transports: knownTransportsOf(credential.transports),
    };
  } catch {
    // A malformed or forged answer is refused alike; its details are not for the caller.
    return null;
  }
}

/**
 * An assertion of a known passkey, checked: challenge, origin, RP ID, signature, user
 * verification, and a counter that grew (where the authenticator counts). Answers the new
 * counter, or null.
 */
export async function verifyAssertion(
  rp: RelyingParty,
  response: unknown,
  expectedChallenge: string,
  passkey: PasskeyRecord,
): Promise<number | null> {
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: fromBase64Url(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports,
      },
    });
    return result.verified ? result.authenticationInfo.newCounter : null;
  } catch {
    return null;
  }
}

/** The credential id an answer names, to find its passkey. */
export const credentialIdOf = (response: unknown): string | null => {
  const id = (response as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
};
