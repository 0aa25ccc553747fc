import { ScureBase32Plugin, generate, generateURI, verify } from 'otplib';
import type { RandomSource } from '../ports.ts';

/** RFC 6238 as authenticator apps expect it (docs/architecture.md): SHA-1, 6 digits, 30 s, 160-bit secret. */
export const totpParams = { digits: 6, period: 30, algorithm: 'SHA1' } as const;
const secretBytes = 20;
const base32 = new ScureBase32Plugin();

/** A fresh Base32 secret of 160 bits from the injected secure source. */
export function newTotpSecret(random: RandomSource): string {
  return base32.encode(random.bytes(secretBytes), { padding: false });
}

export function otpauthUri(secret: string, issuer: string, account: string): string {
  const base = generateURI({ issuer, label: account, secret });
  // Some apps assume nothing: name the algorithm, digits and period explicitly (security rule 9, docs/architecture.md).
  return `${base}&algorithm=${totpParams.algorithm}&digits=${totpParams.digits}&period=${totpParams.period}`;
}

/** The time step a code of this instant belongs to. */
export function timeStepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / totpParams.period);
}

/**
 * Checks a 6-digit code against steps T and T−1 only (past-only drift, RFC 6238 §5.2), refusing
 * any step at or before `afterStep`. Returns the matched step, which the caller must claim
 * atomically in the store before trusting it.
 */
export async function matchTotp(
  secret: string,
  code: string,
  nowMs: number,
  afterStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: [totpParams.period, 0],
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The code an authenticator shows at an instant; for tests, demos and scripts. */
export function totpCode(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000) });
}
