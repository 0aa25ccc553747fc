import type { RandomSource } from '../ports.ts';
import { tokenHash } from './tokens.ts';

/** Crockford's Base32: no I, L, O or U, so a code read aloud or written down survives. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const recoveryCodeCount = 10;
const symbols = 16; // 16 × 5 bits = 80 bits, above SECURITY.md's 64.

/** Ten fresh recovery codes as shown to the user: `XXXX-XXXX-XXXX-XXXX`. */
export function newRecoveryCodes(random: RandomSource): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    // 32 symbols divide 256 evenly, so taking the low five bits of each byte has no bias.
    const chars = Array.from(random.bytes(symbols), (byte) => alphabet[byte & 31]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** The canonical form of a typed code: separators dropped, upper case, look-alikes mapped. */
export function canonicalRecoveryCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** What the database keeps of a recovery code; 80 random bits make a plain SHA-256 enough. */
export function recoveryCodeHash(typed: string): string {
  return tokenHash(`recovery:${canonicalRecoveryCode(typed)}`);
}

/** A typed second-factor code is a TOTP code when it is six digits once spaces are gone. */
export function isTotpShaped(typed: string): boolean {
  return /^\d{6}$/.test(typed.replace(/\s/g, ''));
}
