import type {
  ApiKeyRecord,
  ChallengeRecord,
  NewSecurityEvent,
  LastFactorRefusal,
  OrganizationRecord,
  PasskeyRecord,
  SecurityEventRecord,
  SessionRecord,
  SignInBasis,
  SignInCheck,
  SigningKeyRecord,
  UserRecord,
  WebauthnChallengeRecord,
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookRecord,
} from '../store.ts';
import { SealedWithOtherKeyError, sealedKeyFingerprint } from '../sealed-values.ts';
import { enforcementBinds } from '../mfa-enforcement.ts';
import { eventPayload, hears } from '../event-view.ts';

/**
 * The memory store's tables, and the few steps several concerns take (a session's removal takes
 * its enrollment and ceremonies with it, as the SQL foreign keys do). JavaScript runs each store
 * method to its first `await` without interruption and these have none, so each method is
 * atomic like a transaction.
 */
export function createMemoryState() {
  const orgs = new Map<string, OrganizationRecord>();
  const users = new Map<string, UserRecord>();
  const sessions = new Map<string, SessionRecord>();
  const challenges = new Map<string, ChallengeRecord>();
  const recoveryCodes = new Map<string, Set<string>>();
  const attempts = new Map<string, { failures: number; nextAllowedAt: number; updatedAt: number }>();
  const events: SecurityEventRecord[] = [];
  const passkeys = new Map<string, PasskeyRecord>();
  const ceremonies = new Map<string, WebauthnChallengeRecord>();
  /** The `key_state` row of the SQL stores: the fingerprint of the key secrets are sealed with. */
  const keyState: { fingerprint: string | null } = { fingerprint: null };
  const signingKeys = new Map<string, SigningKeyRecord>();
  /** Organization API keys by id, with their request window (`api_keys` in SQL). */
  const apiKeys = new Map<string, ApiKeyRecord & { windowStart: number; windowCount: number }>();
  const webhooks = new Map<string, WebhookRecord>();
  const deliveries = new Map<number, WebhookDeliveryRecord & { leaseUntil: number | null }>();
  const webhookAttempts: WebhookAttemptRecord[] = [];
  let nextDeliveryId = 1;
  /** The outbox, as `store/sql/webhook-outbox-sql.ts` writes it. */
  const addDelivery = (webhookId: string, type: string, payload: string, at: number) => {
    const delivery: WebhookDeliveryRecord & { leaseUntil: number | null } = {
      id: nextDeliveryId++,
      webhookId,
      type,
      payload,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      leaseUntil: null,
    };
    deliveries.set(delivery.id, delivery);
    return delivery;
  };
  const passkeyCountOf = (userId: string) => [...passkeys.values()].filter((p) => p.userId === userId).length;
  const removeSession = (hash: string) => {
    sessions.delete(hash);
    for (const [id, c] of challenges) if (c.sessionHash === hash) challenges.delete(id);
    for (const [id, c] of ceremonies) if (c.sessionHash === hash) ceremonies.delete(id);
  };
  return {
    orgs,
    users,
    sessions,
    challenges,
    recoveryCodes,
    attempts,
    events,
    passkeys,
    ceremonies,
    keyState,
    /** What `assertSealedWithCurrentKey` in `store/sql/data-key-sql.ts` refuses, on the maps. */
    assertSealedWithCurrentKey: (sealed: string) => {
      const named = sealedKeyFingerprint(sealed);
      if (keyState.fingerprint !== null && named !== null && named !== keyState.fingerprint)
        throw new SealedWithOtherKeyError('the data key was rotated');
    },
    signingKeys,
    apiKeys,
    webhooks,
    deliveries,
    webhookAttempts,
    addDelivery,
    passkeyCountOf,
    /** A user as the SQL stores read it: with its passkeys counted. */
    withCount: (user: UserRecord | undefined): UserRecord | null =>
      user ? { ...user, passkeyCount: passkeyCountOf(user.id) } : null,
    /** Whether the user has a second factor now: an app or a passkey. */
    hasFactor: (userId: string) => users.get(userId)?.totpSecretSealed != null || passkeyCountOf(userId) > 0,
    copy: <T extends object>(record: T | undefined): T | null => (record ? { ...record } : null),
    log: (event: NewSecurityEvent | null) => {
      if (!event) return;
      const record = { ...event, id: events.length + 1 };
      events.push(record);
      for (const hook of webhooks.values()) {
        if (hook.orgId === event.orgId && hook.enabled && hears(hook.events, event.type))
          addDelivery(hook.id, event.type, eventPayload(record), event.at);
      }
    },
    usernameTaken: (username: string) => [...users.values()].some((u) => u.username === username),
    removeSession,
    endSessions: (userId: string, except: string | null) => {
      for (const [hash, s] of sessions) if (s.userId === userId && hash !== except) removeSession(hash);
    },
    /** Ends the user's other sessions that never passed a second factor (security rule 18a). */
    endSingleFactorSessions: (userId: string, keep: string | null) => {
      for (const [hash, s] of sessions) if (s.userId === userId && !s.mfaPassed && hash !== keep) removeSession(hash);
    },
    /** What `store/sql/sign-in-basis-sql.ts` checks, on the maps. */
    checkSignInBasis: (userId: string, basis: SignInBasis): SignInCheck => {
      const user = users.get(userId);
      if (!user) return 'user_gone';
      if (basis.passwordHash !== null && user.passwordHash !== basis.passwordHash) return 'password_changed';
      if (!basis.singleFactor) return 'ok';
      const org = orgs.get(user.orgId);
      if (user.mfaEnabled || (org && enforcementBinds(org, basis.at))) return 'mfa_required';
      return 'ok';
    },
    /** What `lastFactorRefusal` in `store/sql/factors-sql.ts` decides, on the maps. */
    lastFactorRefusal: (userId: string): LastFactorRefusal | null => {
      const user = users.get(userId);
      if (user && orgs.get(user.orgId)?.enforceMfa) return 'mfa_enforced';
      return user?.passwordSingleFactorOk === false ? 'password_too_short' : null;
    },
    /** Ends the user's pending login and enrollment challenges. */
    dropChallenges: (userId: string) => {
      for (const [hash, c] of challenges) if (c.userId === userId) challenges.delete(hash);
    },
    update: (userId: string, patch: Partial<UserRecord>) => {
      const user = users.get(userId);
      if (user) users.set(userId, { ...user, ...patch });
    },
  };
}

export type MemoryState = ReturnType<typeof createMemoryState>;
