import { passwordLength, type FieldError, type PasswordPolicy, type PasswordRuleCode } from '@portcullis/sdk/contract';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';

/**
 * NIST SP 800-63B-4 §3.1.1.2: 15 for a password that is the only factor, 8 while an
 * authenticator is linked; long passphrases welcome.
 */
export const passwordLengths = { withMfa: 8, withoutMfa: 15, max: 256 } as const;

/** Whether a password could stand alone, without a second factor. */
export function meetsSingleFactorMinimum(normalizedPassword: string): boolean {
  return passwordLength(normalizedPassword) >= passwordLengths.withoutMfa;
}

/** Passwords are compared and hashed in NFKC, so the same passphrase typed on any keyboard matches. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** The policy for an account; `authenticatorLinked` null when nobody is signed in. */
export function passwordPolicyFor(services: Services, authenticatorLinked: boolean | null): PasswordPolicy {
  return {
    minLength: authenticatorLinked ? passwordLengths.withMfa : passwordLengths.withoutMfa,
    maxLength: passwordLengths.max,
    minLengthWithMfa: passwordLengths.withMfa,
    minLengthWithoutMfa: passwordLengths.withoutMfa,
    normalization: 'NFKC',
    rejects: [
      ...(services.commonPasswords.size > 0 ? (['common'] as const) : []),
      ...(services.breachedPasswordCheck ? (['breached'] as const) : []),
      'contains_username',
    ],
  };
}

const messages: Record<PasswordRuleCode, (policy: PasswordPolicy) => string> = {
  too_short: (p) => `Use at least ${p.minLength} characters.`,
  too_long: (p) => `Use at most ${p.maxLength} characters.`,
  common: () => 'This password is one of the most common ones; choose another.',
  breached: () => 'This password appears in a known data breach; choose another.',
  contains_username: () => 'The password must not contain the username.',
};

/**
 * Every reason this password is refused, in the order a person would fix them; empty when it is
 * accepted. No composition rules, by design (security rule 2, docs/architecture.md).
 */
export async function passwordProblems(
  services: Services,
  password: string,
  context: { username: string; authenticatorLinked: boolean },
): Promise<PasswordRuleCode[]> {
  const policy = passwordPolicyFor(services, context.authenticatorLinked);
  const normalized = normalizePassword(password);
  const length = passwordLength(password);
  const folded = normalized.toLowerCase();
  const problems: PasswordRuleCode[] = [];
  if (length < policy.minLength) problems.push('too_short');
  if (length > policy.maxLength) problems.push('too_long');
  if (folded.includes(context.username.toLowerCase())) problems.push('contains_username');
  if (services.commonPasswords.has(folded)) problems.push('common');
  if (problems.length === 0 && services.breachedPasswordCheck && (await services.breachedPasswordCheck(normalized))) {
    problems.push('breached');
  }
  return problems;
}

/** Throws `password_policy` with one field error per reason, keyed for translation. */
export async function assertPasswordAccepted(
  services: Services,
  field: string,
  password: string,
  context: { username: string; authenticatorLinked: boolean },
): Promise<void> {
  const problems = await passwordProblems(services, password, context);
  if (problems.length === 0) return;
  const policy = passwordPolicyFor(services, context.authenticatorLinked);
  const errors: FieldError[] = problems.map((code) => ({ path: field, code, message: messages[code](policy) }));
  throw new DomainError('password_policy', { detail: errors.map((e) => e.message).join(' '), errors });
}

/**
 * MFA cannot go (turned off, or its last factor removed) while the password could not stand
 * alone (rule 1): the person changes it first.
 */
export function passwordTooShortAlone(): DomainError {
  const message = `Change your password to one of at least ${passwordLengths.withoutMfa} characters first: without MFA it is the only factor.`;
  return new DomainError('password_policy', {
    detail: message,
    errors: [{ path: 'password', code: 'too_short', message }],
  });
}
