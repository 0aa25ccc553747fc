// The account API as `npm start` runs it: SQLite file, native Argon2id, the Node adapter.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, createOrganization } from '../src/index.ts';
import { commonPasswordList, createNativeArgon2Hasher, createSqliteStore, startNodeServer } from '../src/node.ts';

export const benchPassword = 'a benchmark passphrase';
const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'portcullis-bench-')), 'bench.db'));
const deps = {
  store,
  hasher: createNativeArgon2Hasher(),
  secretKey: crypto.getRandomValues(new Uint8Array(32)),
  commonPasswords: commonPasswordList(),
  logger: { info: () => {}, error: (message: string) => console.error(message) },
};
await createOrganization(deps, { name: 'Bench', root: { username: 'bench-root', password: benchPassword } });
const { url } = await startNodeServer(createApp(deps), { port: 0, host: '127.0.0.1' });
console.log(`PORT ${new URL(url).port}`);
