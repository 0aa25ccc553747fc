/**
 * `npm run bench:server`: prints throughput and latency figures of the account API against
 * baselines measured in the same run on the same machine. It asserts nothing; the targets are
 * printed beside the figures. Each server runs in its own process so that the load generator
 * (autocannon, in this process) does not share its event loop; for the throughput phases the
 * generator has core 0 to itself and the servers the other cores (taskset, where there is one).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { defaultHashBudget } from '../src/crypto/native-argon2-hasher.ts';
import { throttleRule } from '../src/domain/throttle-rules.ts';
import { freshSchema, postgresUrl } from '../test/support/postgres.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
// Hashes at once: the server's default budget (a core for requests), and the raw rate at the same.
const loginParallelism = Number(process.env.BENCH_LOGIN_PARALLELISM ?? defaultHashBudget());
// Clients logging in: twice the hashes, so a hash slot never waits for the next request to
// travel; at most the account's free attempts, since sign-ins of one account are counted while
// they are checked (SECURITY.md).
const loginClients = Math.min(throttleRule.freeAttempts, 2 * loginParallelism);
// The load generator's core and the servers' cores for the throughput phases.
const cores = availableParallelism();
const canPin = cores > 1 && spawnSync('taskset', ['-V']).status === 0;
const serverCores = canPin ? `1-${cores - 1}` : null;
/** Moves this process (the load generator) to the given cores. */
const generatorOn = (cpus: string) => canPin && spawnSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)]);
const password = 'a benchmark passphrase';
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

async function startTarget(
  file: string,
  args: string[] = [],
  pinned = true,
): Promise<{ child: ChildProcess; line: string; lines: AsyncIterator<string> }> {
  // The same loader and export conditions as this process: the targets run the sources too.
  const command = [process.execPath, ...process.execArgv, here(file), ...args];
  const [bin, ...rest] = pinned && serverCores ? ['taskset', '-c', serverCores, ...command] : command;
  const child = spawn(bin!, rest, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    if (/^(PORT|RATE) /.test(next.value)) return { child, line: next.value, lines };
  }
  throw new Error(`${file} exited without reporting`);
}

/** Asks a target for a one-line report over stdin and returns the line. */
async function ask(target: { child: ChildProcess; lines: AsyncIterator<string> }, command: string): Promise<string> {
  target.child.stdin!.write(`${command}\n`);
  const next = await target.lines.next();
  return next.done ? '' : next.value;
}

async function stop(child: ChildProcess) {
  child.stdin?.end();
  child.kill();
  if (child.exitCode === null) await once(child, 'exit');
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ duration: seconds, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

/**
 * The latency probe: one client at a steady 200 requests a second, each waiting for its answer.
 * (Ten connections at that rate make autocannon send in bursts: bare node:http then shows a p99
 * of 16 ms on an idle machine, which would measure the generator, not the server.)
 */
const probe = { connections: 1, overallRate: 200 };

async function main() {
  console.log(`Portcullis server benchmark — ${seconds} s per phase, node ${process.version}, ${cores} cores`);
  console.log(
    canPin
      ? `throughput phases: load generator on core 0, servers on cores ${serverCores}\n`
      : 'throughput phases: load generator and servers share the cores (no taskset, or one core)\n',
  );

  // 1. GET /me with a valid session, against a bare node:http hello world and Hono's.
  generatorOn('0');
  const hello = await startTarget('hello-target.ts');
  const helloResult = await run({ url: `http://127.0.0.1:${hello.line.slice(5)}/`, connections: 10 });
  const helloProbe = await run({ url: `http://127.0.0.1:${hello.line.slice(5)}/`, ...probe });
  await stop(hello.child);
  const honoHello = await startTarget('hono-hello-target.ts');
  const honoResult = await run({ url: `http://127.0.0.1:${honoHello.line.slice(5)}/`, connections: 10 });
  await stop(honoHello.child);

  const server = await startTarget('portcullis-target.ts');
  const base = `http://127.0.0.1:${server.line.slice(5)}/api/v1`;
  const login = async () => {
    const response = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-root', password, tokenType: 'bearer' }),
    });
    if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  };
  const token = await login();
  const me = { url: `${base}/me`, headers: { authorization: `Bearer ${token}` } };
  const meResult = await run({ ...me, connections: 10 });
  if (meResult.non2xx > 0) throw new Error(`GET /me answered ${meResult.non2xx} non-2xx`);
  const ratio = meResult.requests.average / helloResult.requests.average;
  console.log('GET /api/v1/me with a valid session (SQLite, 10 connections)');
  console.log(`  node:http hello world   ${fmt(helloResult.requests.average, 0)} req/s`);
  console.log(
    `  Hono hello world        ${fmt(honoResult.requests.average, 0)} req/s   (${fmt(honoResult.requests.average / helloResult.requests.average, 2)}× node:http: the framework's floor)`,
  );
  console.log(`  GET /api/v1/me          ${fmt(meResult.requests.average, 0)} req/s`);
  console.log(`  ratio                   ${fmt(ratio, 2)}   (target ≥ 0.40)\n`);
  await stop(server.child);

  // 2. Latency of GET /me at a steady 200 req/s while logins run flat out beside it.
  // The login phases run the server as deployed, on every core: the hash budget is what leaves
  // one for requests.
  generatorOn(`0-${cores - 1}`);
  const loginServer = await startTarget('portcullis-target.ts', [], false);
  const loginBase = `http://127.0.0.1:${loginServer.line.slice(5)}/api/v1`;
  const loginLoad = {
    url: `${loginBase}/login`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-root', password, tokenType: 'bearer' }),
    connections: loginClients,
  };
  const loginToken = (
    (await (
      await fetch(loginLoad.url, { method: 'POST', headers: loginLoad.headers, body: loginLoad.body })
    ).json()) as {
      token: string;
    }
  ).token;
  const meBeside = { url: `${loginBase}/me`, headers: { authorization: `Bearer ${loginToken}` } };
  loginServer.child.stdin!.write('reset\n');
  const [underLoad, loginsBeside] = await Promise.all([run({ ...meBeside, ...probe }), run(loginLoad)]);
  const delay = (await ask(loginServer, 'report')).replace(/^DELAY /, '');
  console.log(
    `GET /api/v1/me at 200 req/s (one client) while ${loginClients} clients log in continuously (${loginParallelism} hashes at once)`,
  );
  console.log(
    `  p50 ${fmt(underLoad.latency.p50)} ms   p99 ${fmt(underLoad.latency.p99)} ms   max ${fmt(underLoad.latency.max)} ms   (target p99 < 10 ms)`,
  );
  console.log(
    `  the probe's floor: node:http hello world, idle, p99 ${fmt(helloProbe.latency.p99)} ms   max ${fmt(helloProbe.latency.max)} ms`,
  );
  console.log(`  logins beside it        ${fmt(loginsBeside.requests.average)} /s`);
  console.log(`  event-loop delay        ${delay}\n`);

  // 3. Logins per second against the raw Argon2id rate at the same parallelism.
  const logins = await run(loginLoad);
  if (logins.non2xx > 0) throw new Error(`login answered ${logins.non2xx} non-2xx`);
  await stop(loginServer.child);
  const raw = await startTarget('argon2-target.ts', [String(loginParallelism), String(seconds)], false);
  const rawRate = Number(raw.line.slice(5));
  await stop(raw.child);
  console.log(`Logins per second (password only, ${loginParallelism} hashes at once, ${loginClients} clients)`);
  console.log(`  raw Argon2id verify     ${fmt(rawRate)} /s   (m=19 MiB, t=2, p=1, native)`);
  console.log(`  POST /api/v1/login      ${fmt(logins.requests.average)} /s   p50 ${fmt(logins.latency.p50)} ms`);
  console.log(`  ratio                   ${fmt(logins.requests.average / rawRate, 2)}   (target ≥ 0.90)\n`);

  // 4. PostgreSQL, one and two instances on one database, beside SQLite measured above.
  const rows: Array<[string, Figures]> = [
    [
      'SQLite, 1 instance *',
      { me: meResult.requests.average, logins: logins.requests.average, p99: underLoad.latency.p99 },
    ],
  ];
  if (postgresUrl) {
    generatorOn('0');
    const db = await freshSchema();
    const first = await startTarget('portcullis-target.ts', ['--db', db, '--seed']);
    rows.push(['PostgreSQL, 1 instance', await figures([first])]);
    const second = await startTarget('portcullis-target.ts', ['--db', db]);
    rows.push(['PostgreSQL, 2 instances', await figures([first, second])]);
    await Promise.all([stop(first.child), stop(second.child)]);
  }
  console.log(
    `Several instances: GET /me (10 connections in all), logins (${loginClients} clients in all), and p99 of /me at 200 req/s beside logins`,
  );
  console.log('                             /me req/s   logins/s   /me p99 beside logins');
  for (const [name, f] of rows)
    console.log(
      `  ${name.padEnd(26)}${fmt(f.me, 0).padStart(9)}${fmt(f.logins).padStart(11)}${`${fmt(f.p99)} ms`.padStart(14)}`,
    );
  console.log('  * /me as measured above (pinned), logins and p99 on every core');
  if (!postgresUrl)
    console.log(
      '  (PostgreSQL: set PORTCULLIS_TEST_DATABASE_URL, or run through scripts/ensure-postgres.sh as npm run bench:server does)',
    );
}

interface Figures {
  me: number;
  logins: number;
  p99: number;
}

/** /me throughput and logins per second over the given instances at once, and /me's p99 beside logins. */
async function figures(targets: Array<{ line: string }>): Promise<Figures> {
  const bases = targets.map((t) => `http://127.0.0.1:${t.line.slice(5)}/api/v1`);
  const body = JSON.stringify({ username: 'bench-root', password, tokenType: 'bearer' });
  const headers = { 'content-type': 'application/json' };
  const token = (
    (await (await fetch(`${bases[0]}/login`, { method: 'POST', headers, body })).json()) as { token: string }
  ).token;
  const me = (base: string) => ({ url: `${base}/me`, headers: { authorization: `Bearer ${token}` } });
  const loginLoad = (base: string) => ({
    url: `${base}/login`,
    method: 'POST' as const,
    headers,
    body,
    // One account's sign-ins at once stay within its free attempts across the instances.
    connections: Math.max(1, Math.floor(loginClients / bases.length)),
  });
  const reads = await Promise.all(bases.map((base) => run({ ...me(base), connections: Math.ceil(10 / bases.length) })));
  const [latency, ...logins] = await Promise.all([
    run({ ...me(bases[0]!), ...probe }),
    ...bases.map((base) => run(loginLoad(base))),
  ]);
  for (const result of [...reads, ...logins])
    if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx answers`);
  const sum = (results: autocannon.Result[]) => results.reduce((total, r) => total + r.requests.average, 0);
  return { me: sum(reads), logins: sum(logins), p99: latency!.latency.p99 };
}

await main();
