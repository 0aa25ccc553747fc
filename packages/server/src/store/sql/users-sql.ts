import type { UserStore } from '../store.ts';
import { insertEvent } from './events-sql.ts';
import { createdOrConflict, insertUser } from './organizations-sql.ts';
import { assertSealedWithCurrentKey } from './data-key-sql.ts';
import { toUser } from './rows.ts';
import { endSingleFactorSessions, hasFactor, lockFactors } from './factors-sql.ts';
import type { SqlDatabase } from './sql-database.ts';

/** A user row with how many passkeys it has, which makes it a second factor. */
const userSelect = 'SELECT u.*, (SELECT count(*) FROM passkeys p WHERE p.user_id = u.id) AS passkey_count FROM users u';

/** The compliance groups over a user row `u`: a passkey; the app and no passkey; neither. */
const hasPasskey = 'EXISTS (SELECT 1 FROM passkeys p WHERE p.user_id = u.id)';
const mfaGroupSql = {
  passkey: hasPasskey,
  app: `(NOT ${hasPasskey} AND u.totp_secret_sealed IS NOT NULL)`,
  none: `(NOT ${hasPasskey} AND u.totp_secret_sealed IS NULL)`,
} as const;

/** `%`, `_` and the escape itself are literal in a username search, not patterns. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Users: lookup, listing, creation and deletion, the password and the MFA switch. */
export function userQueries(db: SqlDatabase): UserStore {
  return {
    async getUser(id) {
      const row = await db.get(`${userSelect} WHERE u.id = ?`, [id]);
      return row ? toUser(row) : null;
    },
    async findUserByUsername(username) {
      const row = await db.get(`${userSelect} WHERE u.username = ?`, [username]);
      return row ? toUser(row) : null;
    },
    async takenUsernames(usernames) {
      const taken: string[] = [];
      // In slices, well below either database's limit on parameters.
      for (let i = 0; i < usernames.length; i += 500) {
        const slice = usernames.slice(i, i + 500);
        const rows = await db.all<{ username: string }>(
          `SELECT username FROM users WHERE username IN (${slice.map(() => '?').join(', ')})`,
          slice,
        );
        taken.push(...rows.map((r) => r.username));
      }
      return taken;
    },
    importUsers: (batch, events) =>
      createdOrConflict(
        db.transaction(async (tx) => {
          for (const user of batch) {
            if (user.totpSecretSealed) await assertSealedWithCurrentKey(tx, user.totpSecretSealed);
            await insertUser(tx, user);
          }
          for (const event of events) await insertEvent(tx, event);
        }),
      ),
    createUser: (user, event) =>
      createdOrConflict(
        db.transaction(async (tx) => {
          await insertUser(tx, user);
          await insertEvent(tx, event);
        }),
      ),
    deleteUser: (userId, event) =>
      db.transaction(async (tx) => {
        // Sessions, challenges and recovery codes go with the user (ON DELETE CASCADE).
        if ((await tx.run('DELETE FROM users WHERE id = ?', [userId])) !== 1) return false;
        await insertEvent(tx, event);
        return true;
      }),
    async listUsers(orgId, { afterUsername, limit, contains, mfa = null }) {
      const rows = await db.all(
        `${userSelect} WHERE u.org_id = ? AND u.username > ?
         AND (? = 0 OR u.username LIKE ? ESCAPE '\\')${mfa === null ? '' : ` AND ${mfaGroupSql[mfa]}`}
         ORDER BY u.username LIMIT ?`,
        [orgId, afterUsername ?? '', contains === null ? 0 : 1, `%${likeLiteral(contains ?? '')}%`, limit],
      );
      return rows.map(toUser);
    },
    async countMfa(orgId) {
      const row = await db.get<Record<string, unknown>>(
        `SELECT count(*) AS members,
           coalesce(sum(CASE WHEN ${mfaGroupSql.passkey} THEN 1 ELSE 0 END), 0) AS with_passkey,
           coalesce(sum(CASE WHEN ${mfaGroupSql.app} THEN 1 ELSE 0 END), 0) AS app_only,
           coalesce(sum(CASE WHEN ${mfaGroupSql.none} THEN 1 ELSE 0 END), 0) AS without_factor
         FROM users u WHERE u.org_id = ?`,
        [orgId],
      );
      return {
        members: Number(row?.members ?? 0),
        withPasskey: Number(row?.with_passkey ?? 0),
        appOnly: Number(row?.app_only ?? 0),
        withoutFactor: Number(row?.without_factor ?? 0),
      };
    },
    replacePasswordHash: (userId, change, event) =>
      db.transaction(async (tx) => {
        // The user's row first, as sign-ins and changes of factors take it: one lock order.
        const factors = await lockFactors(db, tx, userId);
        if (factors === null) return 'stale';
        if (change.keepSession !== null) {
          // Held until the change commits, so a concurrent sign-out cannot slip in between.
          const session = await tx.get(
            `SELECT 1 AS found FROM sessions WHERE token_hash = ? AND user_id = ?${db.dialect.forUpdate}`,
            [change.keepSession, userId],
          );
          if (!session) return 'stale';
          // A password too short to stand alone, while the last factor went meanwhile (rule 1).
          if (!change.singleFactorOk && !hasFactor(factors)) return 'needs_factor';
        }
        const changed = await tx.run(
          'UPDATE users SET password_hash = ?, password_single_factor_ok = ? WHERE id = ? AND password_hash = ?',
          [change.hash, Number(change.singleFactorOk), userId, change.expectedHash],
        );
        if (changed !== 1) return 'stale';
        if (change.keepSession !== null) {
          await tx.run('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?', [userId, change.keepSession]);
          await tx.run('DELETE FROM challenges WHERE user_id = ?', [userId]);
        }
        await insertEvent(tx, event);
        return 'replaced';
      }),
    async notePasswordStrength(userId, passwordHash, singleFactorOk) {
      await db.run('UPDATE users SET password_single_factor_ok = ? WHERE id = ? AND password_hash = ?', [
        Number(singleFactorOk),
        userId,
        passwordHash,
      ]);
    },
    setMfaEnabled: (userId, enabled, event, keepSession) =>
      db.transaction(async (tx) => {
        await tx.run('UPDATE users SET mfa_enabled = ? WHERE id = ?', [Number(enabled), userId]);
        if (enabled) await endSingleFactorSessions(tx, userId, keepSession);
        await insertEvent(tx, event);
      }),
  };
}
