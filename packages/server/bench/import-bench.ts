/**
 * `npm run bench:import`: user import (#19) as an integrator meets it, against a real
 * `portcullis-server` process on a SQLite file: the API's rate (batches of 1,000 with bcrypt
 * hashes, and with passwords in clear, which we hash with Argon2id), the `import-users` command's
 * rate on a 20,000-line file, and the sign-in time of an imported bcrypt user at its first sign-in
 * (bcrypt, then the upgrade to Argon2id) and after it. Prints the figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash as bcryptHash } from '@node-rs/bcrypt';
import { createClient, type ImportUser } from '@portcullis/sdk';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { benchApiKey, seedBenchOrganization, serverBin, startBuiltServer } from './built-server.ts';

const bin = serverBin;
const env = { ...process.env, PORTCULLIS_SECRET_KEY: randomBytes(32).toString('hex') };
const password = 'correct horse battery staple';
const dir = mkdtempSync(join(tmpdir(), 'portcullis-import-bench-'));
const db = join(dir, 'accounts.db');

async function seed(): Promise<void> {
  const store = createSqliteStore(db);
  await seedBenchOrganization(store, Date.now());
  await store.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await seed();
const server = await startBuiltServer(db, env);
try {
  const admin = createClient({
    baseUrl: `${server.url}/api/v1`,
    tokenType: 'bearer',
    token: benchApiKey(db, env),
    timeout: 600_000,
  });
  const bcrypt10 = await bcryptHash(password, { cost: 10 });
  const bcrypt12 = await bcryptHash(password, { cost: 12 });

  const batches = async (what: string, count: number, row: (i: number) => ImportUser) => {
    const started = performance.now();
    for (let first = 0; first < count; first += 1000)
      await admin.org.importUsers(Array.from({ length: Math.min(1000, count - first) }, (_, i) => row(first + i)));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `API import, ${what}: ${count.toLocaleString('en')} users in ${seconds.toFixed(1)} s, ${Math.round(count / seconds).toLocaleString('en')} users/s`,
    );
  };
  await batches('bcrypt hashes (kept as they are)', 10_000, (i) => ({
    username: `hashed-${i}`,
    passwordHash: i % 2 ? bcrypt10 : bcrypt12,
  }));
  await batches('passwords in clear (hashed with our Argon2id)', 1000, (i) => ({
    username: `clear-${i}`,
    password: `${password} ${i}`,
  }));

  for (const [cost, prefix] of [
    [10, 'hashed-1'],
    [12, 'hashed-2'],
  ] as const) {
    const first: number[] = [];
    const later: number[] = [];
    for (let i = 0; i < 10; i++) {
      const username = `${prefix}${i}${cost === 10 ? '1' : '0'}`; // odd rows are cost 10, even ones cost 12
      const client = createClient({ baseUrl: `${server.url}/api/v1`, tokenType: 'bearer', retry: 0 });
      let started = performance.now();
      const one = await client.login({ username, password });
      first.push(performance.now() - started);
      started = performance.now();
      const two = await client.login({ username, password });
      later.push(performance.now() - started);
      if (one.status !== 'authenticated' || two.status !== 'authenticated')
        throw new Error(`${username} did not sign in`);
    }
    console.log(
      `sign-in of an imported bcrypt (cost ${cost}) user, median of 10: first ${median(first).toFixed(0)} ms (bcrypt, then rehashed to Argon2id), after the upgrade ${median(later).toFixed(0)} ms`,
    );
  }

  const file = join(dir, 'users.jsonl');
  writeFileSync(
    file,
    `${Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ username: `file-${i}`, passwordHash: bcrypt10 })).join('\n')}\n`,
  );
  const cli = spawnSync(process.execPath, [bin, 'import-users', '--org', 'Bench', file, '--db', db], {
    env,
    encoding: 'utf8',
  });
  if (cli.status !== 0) throw new Error(cli.stderr);
  console.log(`CLI import-users, 20,000-line file: ${cli.stdout.trim()}`);
} finally {
  server.stop();
}
