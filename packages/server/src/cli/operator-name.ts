import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { OperatorError } from './operator-config.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** A login name as POSIX systems make them: printable, one word, short. */
const loginName = /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}\$?$/;

/** Who the process runs as, and how to look an account's uid up: the system's, or a test's. */
export interface OsIdentity {
  uid: number;
  username: string;
  uidOf(name: string): number | null;
}

/** The account database through `id` (NSS: local files, LDAP, whatever the system uses). */
function uidOfAccount(name: string): number | null {
  try {
    const out = execFileSync('id', ['-u', '--', name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^\d+$/.test(out) ? Number(out) : null;
  } catch {
    return null;
  }
}

const systemIdentity = (): OsIdentity => {
  const own = userInfo();
  return { uid: process.getuid?.() ?? own.uid, username: own.username, uidOf: uidOfAccount };
};

/**
 * Who ran the command, for the audit log: the account behind sudo, else the process's own, and
 * always the real uid beside it (`jane.doe/uid=0`). `SUDO_USER` is only an environment variable,
 * so it is checked like any input: a value with a newline or a terminal escape would forge lines
 * in the log that roots read, and is refused. It names the operator only when `SUDO_UID` is set
 * too and is that account's uid, as sudo sets them (#28 F3); a name typed by hand into the
 * environment of a root shell is not believed, and the log shows the real account instead.
 */
export function operatorName(env: Env, os: OsIdentity = systemIdentity()): string {
  const own = loginName.test(os.username) ? os.username : `uid-${os.uid}`;
  const sudo = env.SUDO_USER;
  if (sudo !== undefined && sudo !== '') {
    if (!loginName.test(sudo))
      throw new OperatorError(
        'SUDO_USER is not a login name (letters, digits, ._@- and at most 64 characters); run the command as yourself or through sudo',
      );
    const claimed = env.SUDO_UID;
    if (claimed !== undefined && /^\d{1,10}$/.test(claimed) && os.uidOf(sudo) === Number(claimed))
      return `${sudo}/uid=${os.uid}`;
  }
  return `${own}/uid=${os.uid}`;
}
