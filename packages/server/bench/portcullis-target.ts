// The account API as `npm start` runs it: SQLite file, native Argon2id, the Node adapter; or, with
// `--db postgres://…`, on PostgreSQL (`--seed` on the first instance of a database only).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createApp, createOrganization } from '../src/index.ts';
import {
  commonPasswordList,
  createNativeArgon2Hasher,
  createPostgresStore,
  createSqliteStore,
  startNodeServer,
} from '../src/node.ts';

export const benchPassword = 'a benchmark passphrase';
const [flag, url_, seed] = process.argv.slice(2);
const postgres = flag === '--db' ? url_ : undefined;
const store = postgres
  ? await createPostgresStore(postgres)
  : createSqliteStore(join(mkdtempSync(join(tmpdir(), 'portcullis-bench-')), 'bench.db'));
const deps = {
  store,
  hasher: createNativeArgon2Hasher(),
  // Instances of one database must share the key; a fixed one is fine for a benchmark.
  secretKey: new Uint8Array(32).fill(9),
  commonPasswords: commonPasswordList(),
  logger: { info: () => {}, error: (message: string) => console.error(message) },
};
if (!postgres || seed === '--seed')
  await createOrganization(deps, { name: 'Bench', root: { username: 'bench-root', password: benchPassword } });
const { url } = await startNodeServer(createApp(deps), { port: 0, host: '127.0.0.1' });
console.log(`PORT ${new URL(url).port}`);

// The direct evidence that hashing stays off the event loop: its delay, on request over stdin.
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'reset') delay.reset();
  // A clean exit, so that `--cpu-prof` writes its profile (bench/profile-me.ts).
  if (line === 'exit') process.exit(0);
  if (line === 'report') {
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.log(
      `DELAY p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms`,
    );
  }
}
