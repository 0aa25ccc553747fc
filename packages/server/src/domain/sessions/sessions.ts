import type { SessionInfo, TokenType } from '@portcullis/sdk/contract';
import { newId, newToken, tokenHash } from '../../crypto/tokens.ts';
import type { RequestMeta } from '../events.ts';
import type { AuthMethods } from './auth-methods.ts';
import type { Services } from '../../services.ts';
import type { SessionContext, SessionRecord, UserRecord } from '../../store/store.ts';
import { enforcementBinds, hasSecondFactor, passkeysOnly } from '../mfa/mfa-state.ts';

/**
 * Activity is written at most once a minute per session, and at most a tenth of the idle
 * timeout apart, so a session in use never reaches a short timeout between two writes; the idle
 * end may come up to that much early.
 */
export function touchIntervalMs(idleTimeoutMs: number): number {
  return Math.min(60_000, Math.floor(idleTimeoutMs / 10));
}

export interface NewSession {
  token: string;
  record: SessionRecord;
}

/**
 * A fresh 256-bit token for every login (security rule 14, docs/architecture.md); only its hash is stored. A login
 * that passed MFA counts as a recent authentication with both factors; `methods` say how it signed in.
 */
export function newSession(services: Services, user: UserRecord, methods: AuthMethods, meta: RequestMeta): NewSession {
  const now = services.clock.now();
  const mfaPassed = (methods as readonly string[]).includes('mfa');
  const token = newToken(services.random);
  return {
    token,
    record: {
      tokenHash: tokenHash(token),
      id: newId('ses', services.random),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + services.settings.sessionMaxLifetimeMs,
      reauthAt: now,
      reauthSecondFactor: mfaPassed,
      mfaPassed,
      amr: [...methods],
      userAgent: meta.userAgent,
      clientAddress: meta.clientAddress,
    },
  };
}

export interface Authenticated extends SessionContext {
  tokenType: TokenType;
}

/** When this session ends if nothing more happens: the idle limit or the absolute one. */
export function sessionEnd(services: Services, session: SessionRecord): number {
  return Math.min(session.lastSeenAt + services.settings.sessionIdleTimeoutMs, session.expiresAt);
}

/**
 * Finds the live session for a presented token, ending it on the server when it has been idle
 * too long or has reached its absolute lifetime (security rule 16, docs/architecture.md); marks activity otherwise.
 * A session that never passed a second factor ends once the user has one (rule 18a), or once the
 * organization's MFA deadline has passed (#30; `mfaNowNeeded`).
 */
export async function authenticate(
  services: Services,
  token: string,
  tokenType: TokenType,
): Promise<Authenticated | null> {
  const hash = tokenHash(token);
  const found = await services.store.getSessionContext(hash);
  if (!found) return null;
  const { session, user } = found;
  const now = services.clock.now();
  if (
    now >= sessionEnd(services, session) ||
    (!session.mfaPassed && mfaNowNeeded(found, now)) ||
    passkeyMissing(found, now)
  ) {
    await services.store.deleteSession(hash);
    return null;
  }
  if (now - session.lastSeenAt >= touchIntervalMs(services.settings.sessionIdleTimeoutMs)) {
    await services.store.touchSession(hash, user.id, now);
    session.lastSeenAt = now;
  }
  return { session, user, org: found.org, recoveryCodesLeft: found.recoveryCodesLeft, tokenType };
}

/**
 * A session that never passed a second factor may go on only while none is needed: the user has
 * none linked (rule 18a), and no MFA deadline of the organization has passed (#30). Read on every
 * request from the policy as stored, so at the deadline such sessions end at their next request on
 * every instance, with no job to run first. (Enforcing without a deadline ended them when it was
 * set, all but the root's own, which it keeps.)
 */
function mfaNowNeeded({ user, org }: SessionContext, now: number): boolean {
  return hasSecondFactor(user) || (org.mfaDeadline !== null && enforcementBinds(org, now));
}

/**
 * Under the phishing-resistant level in force, a member without a passkey has no session (#30):
 * whatever else it passed ends at its next request, on every instance.
 */
const passkeyMissing = ({ user, org }: SessionContext, now: number): boolean =>
  user.passkeyCount === 0 && passkeysOnly(org, now);

export function sessionInfo(services: Services, session: SessionRecord): SessionInfo {
  const reauthUntil = session.reauthAt + services.settings.reauthWindowMs;
  const recent = services.clock.now() < reauthUntil;
  return {
    expiresAt: new Date(sessionEnd(services, session)).toISOString(),
    reauthUntil: recent ? new Date(reauthUntil).toISOString() : null,
    reauthSecondFactor: recent && session.reauthSecondFactor,
    idleTimeoutSeconds: Math.round(services.settings.sessionIdleTimeoutMs / 1000),
    maxLifetimeSeconds: Math.round(services.settings.sessionMaxLifetimeMs / 1000),
  };
}
