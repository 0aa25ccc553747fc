import type { MemoryState } from './memory-state.ts';
import type { DataKeyStore } from '../store.ts';

/** The memory store's data key state, as `store/sql/data-key-sql.ts` has it in SQL. */
export function dataKeyInMemory(state: MemoryState): DataKeyStore {
  const { users, challenges, signingKeys, webhooks, keyState, update } = state;
  return {
    async resealSecrets(reseal, keys) {
      if (keyState.fingerprint !== null && keyState.fingerprint !== keys.from) return 'key_changed';
      // Everything is computed first and applied only if all of it succeeded: one step, like a transaction.
      const userUpdates: Array<[string, string]> = [];
      for (const user of users.values()) {
        if (user.totpSecretSealed !== null)
          userUpdates.push([user.id, await reseal(user.totpSecretSealed, { kind: 'totp', userId: user.id })]);
      }
      const challengeUpdates: Array<[string, string]> = [];
      for (const challenge of challenges.values()) {
        if (challenge.pendingSecretSealed !== null)
          challengeUpdates.push([
            challenge.idHash,
            await reseal(challenge.pendingSecretSealed, { kind: 'totp', userId: challenge.userId }),
          ]);
      }
      const keyUpdates: Array<[string, string]> = [];
      for (const key of signingKeys.values())
        keyUpdates.push([key.kid, await reseal(key.privateSealed, { kind: 'signing-key', kid: key.kid })]);
      const hookUpdates: Array<[string, string, string | null]> = [];
      for (const hook of webhooks.values()) {
        const owner = { kind: 'webhook' as const, id: hook.id };
        hookUpdates.push([
          hook.id,
          await reseal(hook.secretSealed, owner),
          hook.previousSecretSealed === null ? null : await reseal(hook.previousSecretSealed, owner),
        ]);
      }
      for (const [id, secretSealed, previousSecretSealed] of hookUpdates)
        webhooks.set(id, { ...webhooks.get(id)!, secretSealed, previousSecretSealed });
      for (const [id, sealed] of userUpdates) update(id, { totpSecretSealed: sealed });
      for (const [idHash, sealed] of challengeUpdates) {
        const challenge = challenges.get(idHash);
        if (challenge) challenges.set(idHash, { ...challenge, pendingSecretSealed: sealed });
      }
      for (const [kid, sealed] of keyUpdates) signingKeys.set(kid, { ...signingKeys.get(kid)!, privateSealed: sealed });
      keyState.fingerprint = keys.to;
      const hookSecrets = hookUpdates.reduce((n, [, , previous]) => n + (previous === null ? 1 : 2), 0);
      return userUpdates.length + challengeUpdates.length + keyUpdates.length + hookSecrets;
    },
    async adoptKeyFingerprint(fingerprint) {
      keyState.fingerprint ??= fingerprint;
      return keyState.fingerprint;
    },
    async sealedSecretsNotUnder(fingerprint) {
      const under = (sealed: string) => sealed.startsWith(`v2.${fingerprint}.`);
      return [
        ...[...webhooks.values()]
          .filter((w) => !under(w.secretSealed))
          .map((w) => ({ owner: { kind: 'webhook' as const, id: w.id }, sealed: w.secretSealed, pending: false })),
        ...[...users.values()]
          .filter((u) => u.totpSecretSealed !== null && !under(u.totpSecretSealed))
          .map((u) => ({
            owner: { kind: 'totp' as const, userId: u.id },
            sealed: u.totpSecretSealed!,
            pending: false,
          })),
        ...[...challenges.values()]
          .filter((c) => c.pendingSecretSealed !== null && !under(c.pendingSecretSealed))
          .map((c) => ({
            owner: { kind: 'totp' as const, userId: c.userId },
            sealed: c.pendingSecretSealed!,
            pending: true,
          })),
        ...[...signingKeys.values()]
          .filter((k) => !under(k.privateSealed))
          .map((k) => ({
            owner: { kind: 'signing-key' as const, kid: k.kid },
            sealed: k.privateSealed,
            pending: false,
          })),
      ];
    },
    async holdInstanceLock() {},
  };
}
