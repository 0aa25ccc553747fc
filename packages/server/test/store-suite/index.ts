import { test as nodeTest } from 'node:test';
import type { Store } from '../../src/store/store.ts';
import { accountsSuite } from './accounts.ts';
import { apiKeysSuite } from './api-keys.ts';
import { complianceSuite } from './compliance.ts';
import { mfaPolicySuite } from './mfa-policy.ts';
import { webhooksSuite } from './webhooks.ts';
import { userImportSuite } from './user-import.ts';
import { factorChangesSuite } from './factor-changes.ts';
import { passkeysSuite } from './passkeys.ts';
import { secondFactorSuite } from './second-factor.ts';
import { sessionsSuite } from './sessions.ts';
import { signInBasisSuite } from './sign-in-basis.ts';
import { signingKeysSuite } from './signing-keys.ts';

/** One suite, run against every adapter (memory, SQLite, PostgreSQL): they must behave identically. */
export function storeSuite(
  name: string,
  open: () => Store | Promise<Store>,
  options: { skip?: string | false } = {},
): void {
  const test = (title: string, fn: () => Promise<void>) => nodeTest(title, { skip: options.skip ?? false }, fn);
  accountsSuite(name, test, open);
  secondFactorSuite(name, test, open);
  sessionsSuite(name, test, open);
  passkeysSuite(name, test, open);
  factorChangesSuite(name, test, open);
  signInBasisSuite(name, test, open);
  signingKeysSuite(name, test, open);
  apiKeysSuite(name, test, open);
  userImportSuite(name, test, open);
  complianceSuite(name, test, open);
  mfaPolicySuite(name, test, open);
  webhooksSuite(name, test, open);
}
