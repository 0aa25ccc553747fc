import type { SessionRecord } from '../records.ts';
import type { SessionContext, SessionStore } from '../store.ts';
import { insertEvent } from './events-sql.ts';
import { orgFrom, sessionFrom, toSession, toUser, type OrgColumns, type SessionColumns } from './rows.ts';
import { checkSignInBasis } from './sign-in-basis-sql.ts';
import type { Row, SqlDatabase, SqlExecutor } from './sql-database.ts';

export async function insertSession(tx: SqlExecutor, s: SessionRecord): Promise<void> {
  await tx.run(
    `INSERT INTO sessions (token_hash, id, user_id, created_at, last_seen_at, expires_at, reauth_at, reauth_second_factor, mfa_passed,
       user_agent, client_address, amr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      s.tokenHash,
      s.id,
      s.userId,
      s.createdAt,
      s.lastSeenAt,
      s.expiresAt,
      s.reauthAt,
      Number(s.reauthSecondFactor),
      Number(s.mfaPassed),
      s.userAgent,
      s.clientAddress,
      s.amr.join(' '),
    ],
  );
  await tx.run('UPDATE users SET last_active_at = ? WHERE id = ?', [s.createdAt, s.userId]);
}

/** The hot path: the session, its user and organization, and the recovery codes left, in one read. */
const sessionContextSql = `SELECT s.token_hash, s.id AS s_id, s.user_id, s.created_at AS s_created_at, s.last_seen_at, s.expires_at,
    s.reauth_at, s.reauth_second_factor, s.mfa_passed, s.amr, s.user_agent, s.client_address AS s_client_address,
    u.id, u.org_id, u.username, u.role, u.password_hash, u.password_single_factor_ok, u.mfa_enabled,
    u.totp_secret_sealed, u.totp_last_step, u.created_at, u.last_active_at,
    o.name AS o_name, o.enforce_mfa AS o_enforce_mfa, o.mfa_deadline AS o_mfa_deadline,
    o.phishing_resistant AS o_phishing_resistant, o.policy_updated_at AS o_policy_updated_at, o.created_at AS o_created_at,
    (SELECT count(*) FROM recovery_codes r WHERE r.user_id = u.id) AS recovery_codes_left,
    (SELECT count(*) FROM passkeys p WHERE p.user_id = u.id) AS passkey_count
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = u.org_id
  WHERE s.token_hash = ?`;

/** Where the session context's query put the columns that more than one of its tables has. */
const joinedSession: SessionColumns = { id: 's_id', createdAt: 's_created_at', clientAddress: 's_client_address' };
const joinedOrg: OrgColumns = {
  id: 'org_id',
  name: 'o_name',
  enforceMfa: 'o_enforce_mfa',
  mfaDeadline: 'o_mfa_deadline',
  phishingResistant: 'o_phishing_resistant',
  policyUpdatedAt: 'o_policy_updated_at',
  createdAt: 'o_created_at',
};

/** The three records of the hot path's one row, read in place (#21). */
function sessionContextFromRow(row: Row): SessionContext {
  return {
    session: sessionFrom(row, joinedSession),
    user: toUser(row),
    org: orgFrom(row, joinedOrg),
    recoveryCodesLeft: Number(row.recovery_codes_left),
  };
}

/** Sessions: created at sign-in, read on every request, ended in many ways. */
export function sessionQueries(db: SqlDatabase): SessionStore {
  return {
    createSession: (session, event, basis) =>
      db.transaction(async (tx) => {
        const check = await checkSignInBasis(db, tx, session.userId, basis);
        if (check !== 'ok') return check;
        await insertSession(tx, session);
        await insertEvent(tx, event);
        return check;
      }),
    async getSession(tokenHash) {
      const row = await db.get('SELECT * FROM sessions WHERE token_hash = ?', [tokenHash]);
      return row ? toSession(row) : null;
    },
    async getSessionContext(tokenHash) {
      const row = await db.get(sessionContextSql, [tokenHash]);
      return row ? sessionContextFromRow(row) : null;
    },
    touchSession: (tokenHash, userId, at) =>
      db.transaction(async (tx) => {
        await tx.run('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?', [at, tokenHash]);
        await tx.run('UPDATE users SET last_active_at = ? WHERE id = ?', [at, userId]);
      }),
    async setSessionReauth(tokenHash, at, secondFactor, amr) {
      const passed = Number(secondFactor);
      await db.run(
        'UPDATE sessions SET reauth_at = ?, reauth_second_factor = ?, mfa_passed = CASE WHEN ? = 1 THEN 1 ELSE mfa_passed END, amr = ? WHERE token_hash = ?',
        [at, passed, passed, amr.join(' '), tokenHash],
      );
    },
    async deleteSession(tokenHash) {
      // A "Set up now" enrollment of the session goes with it (ON DELETE CASCADE).
      await db.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
    },
    async listSessions(userId) {
      return (
        await db.all('SELECT * FROM sessions WHERE user_id = ? ORDER BY last_seen_at DESC, created_at DESC', [userId])
      ).map(toSession);
    },
    endSessionById: (userId, sessionId, event) =>
      db.transaction(async (tx) => {
        if ((await tx.run('DELETE FROM sessions WHERE user_id = ? AND id = ?', [userId, sessionId])) !== 1)
          return false;
        await insertEvent(tx, event);
        return true;
      }),
    endUserSessions: (userId, keepTokenHash, event) =>
      db.transaction(async (tx) => {
        const ended = await tx.run('DELETE FROM sessions WHERE user_id = ? AND token_hash IS DISTINCT FROM ?', [
          userId,
          keepTokenHash,
        ]);
        await insertEvent(tx, event);
        return ended;
      }),
  };
}
