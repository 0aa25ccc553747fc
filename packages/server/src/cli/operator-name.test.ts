import assert from 'node:assert/strict';
import { test } from 'node:test';
import { operatorName, type OsIdentity } from './operator-name.ts';

/** A root shell on a machine with one other account, jane.doe (uid 1000). */
const rootShell: OsIdentity = {
  uid: 0,
  username: 'root',
  uidOf: (name) => (name === 'jane.doe' ? 1000 : name === 'root' ? 0 : null),
};

test("F3: SUDO_USER names the operator only when SUDO_UID is that account's uid; the real uid is always beside it", () => {
  assert.equal(
    operatorName({ SUDO_USER: 'jane.doe', SUDO_UID: '1000' }, rootShell),
    'jane.doe/uid=0',
    'as sudo sets them',
  );
  assert.equal(operatorName({ SUDO_USER: 'jane.doe' }, rootShell), 'root/uid=0', 'typed by hand, without SUDO_UID');
  assert.equal(
    operatorName({ SUDO_USER: 'jane.doe', SUDO_UID: '1001' }, rootShell),
    'root/uid=0',
    'a uid that is not hers',
  );
  assert.equal(operatorName({ SUDO_USER: 'ceo', SUDO_UID: '1000' }, rootShell), 'root/uid=0', 'no such account');
  assert.equal(operatorName({ SUDO_USER: 'jane.doe', SUDO_UID: '1000 ' }, rootShell), 'root/uid=0', 'not a number');
  assert.equal(operatorName({}, rootShell), 'root/uid=0');
  assert.equal(operatorName({}, { uid: 1000, username: 'jane.doe', uidOf: () => null }), 'jane.doe/uid=1000');
  assert.equal(
    operatorName({}, { uid: 1234, username: 'odd name\n', uidOf: () => null }),
    'uid-1234/uid=1234',
    'an odd account name falls back to its uid',
  );
  assert.throws(
    () => operatorName({ SUDO_USER: 'x\nforged line', SUDO_UID: '1000' }, rootShell),
    /SUDO_USER is not a login name/,
  );
});
