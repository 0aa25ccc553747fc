import type { SealedOwner } from '../store/records.ts';

/** Binds a sealed TOTP secret to its owner, so a ciphertext moved to another user does not open. */
export const totpAssociatedData = (userId: string) => `totp-secret:${userId}`;

/** Binds a sealed private signing key to its key id. */
export const signingKeyAssociatedData = (kid: string) => `signing-key:${kid}`;

/** Binds a sealed webhook signing secret to its endpoint. */
export const webhookAssociatedData = (id: string) => `webhook-secret:${id}`;

/** The associated data a stored secret was sealed under, from whose it is. */
export const associatedDataOf = (owner: SealedOwner): string =>
  owner.kind === 'totp'
    ? totpAssociatedData(owner.userId)
    : owner.kind === 'signing-key'
      ? signingKeyAssociatedData(owner.kid)
      : webhookAssociatedData(owner.id);
