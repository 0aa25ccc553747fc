import { userInfo } from 'node:os';
import { OperatorError } from './operator-config.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** A login name as POSIX systems make them: printable, one word, short. */
const loginName = /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}\$?$/;

/**
 * Who ran the command, for the audit log: the account behind sudo, else the process's own.
 * `SUDO_USER` is only an environment variable, so it is checked like any input: a value with a
 * newline or a terminal escape would forge lines in the log that roots read. Such a value is
 * refused; an odd OS account name (which sudo did not vouch for either) falls back to its uid.
 */
export function operatorName(env: Env): string {
  const sudo = env.SUDO_USER;
  if (sudo !== undefined && sudo !== '') {
    if (!loginName.test(sudo)) throw new OperatorError('SUDO_USER is not a login name (letters, digits, ._@- and at most 64 characters); run the command as yourself or through sudo');
    return sudo;
  }
  const own = userInfo();
  return loginName.test(own.username) ? own.username : `uid-${own.uid}`;
}
