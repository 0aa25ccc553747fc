import type { UserRecord } from '../records.ts';
import type { OrganizationStore } from '../store.ts';
import { insertEvent } from './events-sql.ts';
import { toOrg } from './rows.ts';
import { enforcementBinds } from '../mfa-enforcement.ts';
import { UniqueViolation, type SqlDatabase, type SqlExecutor } from './sql-database.ts';

/** Inserts a user row; a taken username surfaces as UniqueViolation. */
export async function insertUser(tx: SqlExecutor, u: UserRecord): Promise<void> {
  await tx.run(
    `INSERT INTO users (id, org_id, username, role, password_hash, password_single_factor_ok, mfa_enabled,
       totp_secret_sealed, totp_last_step, created_at, last_active_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      u.id,
      u.orgId,
      u.username,
      u.role,
      u.passwordHash,
      Number(u.passwordSingleFactorOk),
      Number(u.mfaEnabled),
      u.totpSecretSealed,
      u.totpLastStep,
      u.createdAt,
      u.lastActiveAt,
    ],
  );
}

/** Runs a creating transaction; a unique constraint it broke means `conflict`, and nothing was written. */
export async function createdOrConflict(work: Promise<unknown>): Promise<'created' | 'conflict'> {
  try {
    await work;
    return 'created';
  } catch (error) {
    if (error instanceof UniqueViolation) return 'conflict';
    throw error;
  }
}

/** Organizations and their MFA policy. */
export function organizationQueries(db: SqlDatabase): OrganizationStore {
  return {
    createOrganization: (org, root) =>
      createdOrConflict(
        db.transaction(async (tx) => {
          await tx.run(
            `INSERT INTO organizations (id, name, enforce_mfa, mfa_deadline, phishing_resistant, policy_updated_at, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
            [
              org.id,
              org.name,
              Number(org.enforceMfa),
              org.mfaDeadline,
              Number(org.phishingResistant),
              org.policyUpdatedAt,
              org.createdAt,
            ],
          );
          await insertUser(tx, root);
        }),
      ),
    async getOrganization(id) {
      const row = await db.get('SELECT * FROM organizations WHERE id = ?', [id]);
      return row ? toOrg(row) : null;
    },
    async listOrganizations() {
      return (await db.all('SELECT * FROM organizations ORDER BY name, id')).map(toOrg);
    },
    async isEmpty() {
      return (await db.get('SELECT 1 AS found FROM organizations LIMIT 1')) === undefined;
    },
    setOrgPolicy: (orgId, policy, at, event, keepSession) =>
      db.transaction(async (tx) => {
        const before = await tx.get(`SELECT * FROM organizations WHERE id = ?${db.dialect.forUpdate}`, [orgId]);
        if (!before) throw new Error('Unknown organization');
        if (policy.phishingResistant && !toOrg(before).phishingResistant) {
          const root = await tx.get(
            `SELECT 1 AS found FROM users u WHERE u.org_id = ? AND u.role = 'root'
             AND EXISTS (SELECT 1 FROM passkeys p WHERE p.user_id = u.id)`,
            [orgId],
          );
          if (!root) return 'no_root_passkey' as const;
        }
        await tx.run(
          `UPDATE organizations SET enforce_mfa = ?, mfa_deadline = ?, phishing_resistant = ?, policy_updated_at = ?
           WHERE id = ?`,
          [Number(policy.enforceMfa), policy.mfaDeadline, Number(policy.phishingResistant), at, orgId],
        );
        if (enforcementBinds(policy, at)) {
          await tx.run(
            `DELETE FROM sessions WHERE mfa_passed = 0 AND token_hash <> COALESCE(?, '')
             AND user_id IN (SELECT id FROM users WHERE org_id = ?)`,
            [keepSession, orgId],
          );
        }
        await insertEvent(tx, event(toOrg(before)));
        return { ...toOrg(before), ...policy, policyUpdatedAt: at };
      }),
  };
}
