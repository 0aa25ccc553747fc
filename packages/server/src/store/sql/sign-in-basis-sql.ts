import type { SignInBasis, SignInCheck } from '../store.ts';
import type { SqlDatabase, SqlExecutor } from './sql-database.ts';
import { enforcementBinds } from '../mfa-enforcement.ts';
import { toOrg } from './rows.ts';

/**
 * Checks, inside the transaction that creates a sign-in's session or challenge, that what the
 * sign-in decided on still holds (security rule 18a, docs/architecture.md). The user's row is
 * locked first, as every change of password or factors locks it, so such a change either
 * committed before (and is read here) or waits for this one (and ends what it creates). The
 * organization's row is share-locked for a password-only session, so enforcing MFA does the same.
 */
export async function checkSignInBasis(
  db: SqlDatabase,
  tx: SqlExecutor,
  userId: string,
  basis: SignInBasis,
): Promise<SignInCheck> {
  const user = await tx.get<{ password_hash: string; mfa_enabled: unknown; org_id: string }>(
    `SELECT password_hash, mfa_enabled, org_id FROM users WHERE id = ?${db.dialect.forUpdate}`,
    [userId],
  );
  if (!user) return 'user_gone';
  if (basis.passwordHash !== null && user.password_hash !== basis.passwordHash) return 'password_changed';
  if (!basis.singleFactor) return 'ok';
  if (Number(user.mfa_enabled) === 1) return 'mfa_required';
  const org = await tx.get(`SELECT * FROM organizations WHERE id = ?${db.dialect.forShare}`, [user.org_id]);
  // Enforcement with a deadline ahead lets a member without a factor in with the password (#30).
  return org && enforcementBinds(toOrg(org), basis.at) ? 'mfa_required' : 'ok';
}
