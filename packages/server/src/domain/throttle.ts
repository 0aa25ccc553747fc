import { DomainError } from './errors.ts';
import type { Services } from '../services.ts';
import type { ThrottleRule, UserRecord } from '../store/store.ts';
import { addressRule, throttleRule } from './throttle-rules.ts';

export { addressRule, throttleRule } from './throttle-rules.ts';
import { addressBucket } from './client-address.ts';
import { securityEvent, type RequestMeta } from './events.ts';

type Factor = 'password' | 'code';

/** What a counter is about. Keys are stored as keyed hashes, never as the typed text (rule 10). */
export type ThrottleSubject =
  /** Sign-in passwords for a typed username, known or not, so both are throttled alike. */
  | { kind: 'username'; username: string }
  /** Sign-in codes of an account. */
  | { kind: 'account-code'; userId: string }
  /** Checks inside a session, apart from anonymous sign-ins, so strangers cannot lock them (rule 7). */
  | { kind: 'session'; sessionHash: string; factor: Factor }
  | { kind: 'address'; address: string; factor: Factor };

export interface Reservation {
  key: string;
  rule: ThrottleRule;
  /** Failures counted on the key, this attempt included. */
  failures: number;
}

/** The stored key of a counter: a keyed hash of what it is about, so it never holds typed text. */
export function throttleKey(keyedHash: (text: string) => string, subject: ThrottleSubject): string {
  switch (subject.kind) {
    case 'username':
      return keyedHash(`password:${subject.username}`);
    case 'account-code':
      return keyedHash(`code:${subject.userId}`);
    case 'session':
      return keyedHash(`session-${subject.factor}:${subject.sessionHash}`);
    case 'address':
      return keyedHash(`address-${subject.factor}:${subject.address}`);
  }
}

/**
 * Counts one attempt on each subject before the check runs, so parallel guesses cannot slip
 * past the limit; when one subject must wait, the attempts already counted are given back and
 * the caller gets `rate_limited`.
 */
export async function reserveAttempts(services: Services, subjects: ThrottleSubject[]): Promise<Reservation[]> {
  const reserved: Reservation[] = [];
  for (const subject of subjects) {
    const rule = subject.kind === 'address' ? addressRule : throttleRule;
    const key = throttleKey(services.keyedHash, subject);
    const decision = await services.store.reserveAttempt(key, services.clock.now(), rule);
    if (!decision.allowed) {
      for (const earlier of reserved) await services.store.releaseAttempt(earlier.key, earlier.rule);
      throw new DomainError('rate_limited', { retryAfterMs: decision.retryAfterMs });
    }
    reserved.push({ key, rule, failures: decision.failures });
  }
  return reserved;
}

/** Subjects for a client address (an IPv6 one by its /64), when the runtime knows it. */
export function addressSubject(meta: RequestMeta, factor: Factor): ThrottleSubject[] {
  return meta.clientAddress ? [{ kind: 'address', address: addressBucket(meta.clientAddress), factor }] : [];
}

/**
 * After a failed check: the attempts stay counted. When this failure made the account wait or
 * locked it, the organization's log says so (`account_throttled`), at most twice per cycle.
 */
export async function attemptsFailed(
  services: Services,
  reservations: Reservation[],
  account: UserRecord | null,
  meta: RequestMeta,
): Promise<void> {
  if (!account) return;
  const counter = reservations.find((r) => r.rule === throttleRule);
  if (counter && (counter.failures === throttleRule.freeAttempts || counter.failures === throttleRule.lockAfter)) {
    await services.store.appendEvent(securityEvent('account_throttled', services.clock.now(), meta, null, account));
  }
}

/**
 * After a success has committed (rule 6): the account's failures are forgotten; an address's
 * counter only gets this attempt back, so one good account cannot wipe an address's failures.
 */
export async function attemptsSucceeded(services: Services, reservations: Reservation[]): Promise<void> {
  for (const reservation of reservations) {
    if (reservation.rule === addressRule) await services.store.releaseAttempt(reservation.key, reservation.rule);
    else await services.store.clearAttempts(reservation.key);
  }
}
