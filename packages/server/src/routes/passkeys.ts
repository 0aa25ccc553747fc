import {
  finishPasskeyRegistration,
  listOwnPasskeys,
  removeOwnPasskey,
  renameOwnPasskey,
  startPasskeyRegistration,
} from '../domain/passkeys/own-passkeys.ts';
import type { SomeHandlers } from './endpoint.ts';

/** The signed-in person's passkeys. */
export const passkeyHandlers: SomeHandlers<
  'passkeys' | 'startPasskeyRegistration' | 'finishPasskeyRegistration' | 'renamePasskey' | 'removePasskey'
> = {
  passkeys: ({ services, auth }) => listOwnPasskeys(services, auth),
  startPasskeyRegistration({ services, auth, rp }) {
    return startPasskeyRegistration(services, auth, rp());
  },
  finishPasskeyRegistration({ services, auth, body, meta, rp }) {
    return finishPasskeyRegistration(services, auth, rp(), body, meta);
  },
  renamePasskey: ({ services, auth, params, body }) => renameOwnPasskey(services, auth, params.id, body.name),
  removePasskey: ({ services, auth, params, meta }) => removeOwnPasskey(services, auth, params.id, meta),
};
