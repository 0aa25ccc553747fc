import type { AddedPasskey, Passkey, PasskeyOptions, Passkeys } from '@portcullis/sdk/contract';
import { newRecoveryCodes, recoveryCodeHash } from '../../crypto/recovery-codes.ts';
import { newId } from '../../crypto/tokens.ts';
import { registrationOptions, verifyRegistration, type RelyingParty } from '../../crypto/webauthn.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import type { PasskeyRecord } from '../../store/store.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { hasSecondFactor } from '../mfa/mfa-state.ts';
import { passwordTooShortAlone } from '../password/password-policy.ts';
import { requireRecentAuth, requireRecentProof } from '../sessions/recent-auth.ts';
import { beginSessionCeremony, takeSessionCeremony } from './session-ceremony.ts';
import { passkeysOnly } from '../mfa/mfa-state.ts';
import type { Authenticated } from '../sessions/sessions.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const toPasskey = (p: PasskeyRecord): Passkey => ({
  id: p.id,
  name: p.name,
  createdAt: iso(p.createdAt)!,
  lastUsedAt: iso(p.lastUsedAt),
});

export async function listOwnPasskeys(services: Services, auth: Authenticated): Promise<Passkeys> {
  return { items: (await services.store.listPasskeys(auth.user.id)).map(toPasskey) };
}

/**
 * Adding a passkey adds a factor: with one linked already, it needs a recent authentication with
 * it (a stolen session and password must not add an attacker's key); with none, it is an
 * enrollment, like "Set up now", and needs a recent password.
 */
const requireToAdd = requireRecentProof;

/** Creation options for a new passkey of the signed-in person; the challenge waits, bound to this session. */
export async function startPasskeyRegistration(
  services: Services,
  auth: Authenticated,
  rp: RelyingParty,
): Promise<PasskeyOptions> {
  requireToAdd(services, auth);
  const challenge = await beginSessionCeremony(services, auth, 'register');
  return { ...(await registrationOptions(rp, auth.user, await services.store.listPasskeys(auth.user.id), challenge)) };
}

/**
 * Registers the credential the browser made for this session's pending challenge (single use).
 * Turns the person's MFA on; when it was their first factor, this session now counts as having
 * passed MFA, as after "Set up now". An answer that does not verify is `invalid_code`.
 */
export async function finishPasskeyRegistration(
  services: Services,
  auth: Authenticated,
  rp: RelyingParty,
  input: { response: unknown; name?: string | undefined },
  meta: RequestMeta,
): Promise<AddedPasskey> {
  requireToAdd(services, auth);
  const challenge = await takeSessionCeremony(services, auth, 'register', 'Start adding the passkey again.');
  const credential = await verifyRegistration(rp, input.response, challenge);
  if (!credential) throw new DomainError('invalid_code', { detail: 'The passkey could not be verified.' });
  const now = services.clock.now();
  const existing = await services.store.listPasskeys(auth.user.id);
  const passkey: PasskeyRecord = {
    id: newId('pk', services.random),
    userId: auth.user.id,
    ...credential,
    name: input.name ?? `Passkey ${existing.length + 1}`,
    createdAt: now,
    lastUsedAt: null,
  };
  // The first factor comes with recovery codes, as an enrollment with the app does. The store
  // checks, inside its transaction, that the factors are still those this request was allowed for.
  const recoveryCodes = hasSecondFactor(auth.user) ? null : newRecoveryCodes(services.random);
  const first = recoveryCodes && { recoveryCodeHashes: recoveryCodes.map(recoveryCodeHash) };
  const event = securityEvent('passkey_added', now, meta, auth.user);
  const added = await services.store.addPasskey(passkey, { session: auth.session.tokenHash, first }, event);
  if (added === 'duplicate') throw new DomainError('conflict', { detail: 'This passkey is registered already.' });
  if (added === 'changed')
    throw new DomainError('conflict', {
      detail: 'Your sign-in methods changed meanwhile. Start adding the passkey again.',
    });
  return { ...toPasskey(passkey), ...(recoveryCodes ? { recoveryCodes } : {}) };
}

export async function renameOwnPasskey(
  services: Services,
  auth: Authenticated,
  id: string,
  name: string,
): Promise<Passkey> {
  const renamed = await services.store.renamePasskey(auth.user.id, id, name);
  if (!renamed) throw new DomainError('not_found');
  return toPasskey(renamed);
}

/**
 * Removes one of one's passkeys: a sensitive change. Removing the last factor while MFA is
 * required is what turning MFA off is: refused under enforcement (`mfa_enforced`), refused while
 * the password could not stand alone (`password_policy`), and otherwise MFA goes off with it.
 */
export async function removeOwnPasskey(
  services: Services,
  auth: Authenticated,
  id: string,
  meta: RequestMeta,
): Promise<void> {
  const { user } = auth;
  const passkeys = await services.store.listPasskeys(user.id);
  if (!passkeys.some((p) => p.id === id)) throw new DomainError('not_found');
  requireRecentAuth(services, auth);
  // Under the phishing-resistant level the last passkey is the way in: removing it would end
  // this session at once (#30). Asked before the store; a race only ends the session sooner.
  if (passkeys.length === 1 && passkeysOnly(auth.org, services.clock.now())) {
    throw new DomainError('mfa_enforced', {
      detail: 'Your organization accepts only passkeys: add another passkey before removing this one.',
    });
  }
  // Whether it is the last factor, and whether the last may go, the store decides inside its
  // transaction: two removals at once cannot each leave the other's key as the last, and the
  // policy and the password's length are read as they are then.
  const now = services.clock.now();
  const removed = await services.store.removePasskey(
    user.id,
    id,
    [securityEvent('mfa_disabled', now, meta, user)],
    [securityEvent('passkey_removed', now, meta, user)],
  );
  if (removed === 'not_found') throw new DomainError('not_found');
  if (removed === 'mfa_enforced')
    throw new DomainError('mfa_enforced', {
      detail: 'Your organization requires MFA: add another factor before removing this one.',
    });
  if (removed === 'password_too_short') throw passwordTooShortAlone();
}
