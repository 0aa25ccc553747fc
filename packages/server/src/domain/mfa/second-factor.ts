import { isTotpShaped, recoveryCodeHash } from '../../crypto/recovery-codes.ts';
import { matchTotp } from '../../crypto/totp.ts';
import { DomainError } from '../errors.ts';
import { totpAssociatedData } from '../sealed-secrets.ts';
import type { Services } from '../../services.ts';
import type { UserRecord } from '../../store/store.ts';
import { securityEvent, type RequestMeta } from '../events.ts';
import { attemptsFailed, reserveAttempts, type Reservation, type ThrottleSubject } from '../throttle.ts';

/**
 * Checks a TOTP or recovery code of a user with a linked authenticator. Every attempt is counted
 * on `subjects` before the check (security rule 6, 12, docs/architecture.md); a TOTP step is accepted once (rule 10) and
 * a recovery code once (rule 12), each by an atomic claim in the store. Throws `invalid_code`.
 * The caller forgets the counted failures (`attemptsSucceeded`) once its own change committed.
 */
export async function verifySecondFactor(
  services: Services,
  user: UserRecord,
  code: string,
  meta: RequestMeta,
  subjects: ThrottleSubject[],
): Promise<{ method: 'totp' | 'recovery'; attempts: Reservation[] }> {
  const attempts = await reserveAttempts(services, subjects);
  const now = services.clock.now();
  let method: 'totp' | 'recovery' | null = null;
  if (isTotpShaped(code)) {
    if (user.totpSecretSealed !== null) {
      const secret = await (await services.secretBox).open(user.totpSecretSealed, totpAssociatedData(user.id));
      const step = await matchTotp(secret, code.replace(/\s/g, ''), now, user.totpLastStep);
      if (step !== null && (await services.store.claimTotpStep(user.id, step))) method = 'totp';
    }
  } else {
    // Recovery codes stand in for any factor, the app or a passkey.
    const event = securityEvent('recovery_code_used', now, meta, user);
    if (await services.store.consumeRecoveryCode(user.id, recoveryCodeHash(code), event)) method = 'recovery';
  }
  if (!method) {
    await attemptsFailed(services, attempts, user, meta);
    throw new DomainError('invalid_code');
  }
  return { method, attempts };
}
