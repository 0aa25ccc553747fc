/**
 * `npm run bench:server`: prints throughput and latency figures of the account API against
 * baselines measured in the same run on the same machine. It asserts nothing; the targets are
 * printed beside the figures. Each server runs in its own process so that the load generator
 * (autocannon, in this process) does not share its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
// Concurrent logins: by default one per core, the most Argon2id can use without starving the event loop.
const loginParallelism = Number(process.env.BENCH_LOGIN_PARALLELISM ?? availableParallelism());
const password = 'a benchmark passphrase';
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

async function startTarget(file: string, args: string[] = []): Promise<{ child: ChildProcess; line: string; lines: AsyncIterator<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', here(file), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
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

async function main() {
  console.log(`Portcullis server benchmark — ${seconds} s per phase, node ${process.version}\n`);

  // 1. GET /me with a valid session, against a bare node:http hello world.
  const hello = await startTarget('hello-target.ts');
  const helloResult = await run({ url: `http://127.0.0.1:${hello.line.slice(5)}/`, connections: 50 });
  await stop(hello.child);

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
  const meResult = await run({ ...me, connections: 50 });
  if (meResult.non2xx > 0) throw new Error(`GET /me answered ${meResult.non2xx} non-2xx`);
  const ratio = meResult.requests.average / helloResult.requests.average;
  console.log('GET /api/v1/me with a valid session (SQLite, 50 connections)');
  console.log(`  node:http hello world   ${fmt(helloResult.requests.average, 0)} req/s`);
  console.log(`  GET /api/v1/me          ${fmt(meResult.requests.average, 0)} req/s`);
  console.log(`  ratio                   ${fmt(ratio, 2)}   (target ≥ 0.40)\n`);

  // 2. Latency of GET /me at a steady 200 req/s while logins run flat out beside it.
  const loginLoad = {
    url: `${base}/login`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-root', password, tokenType: 'bearer' }),
    connections: loginParallelism,
  };
  server.child.stdin!.write('reset\n');
  const [underLoad, loginsBeside] = await Promise.all([run({ ...me, connections: 10, overallRate: 200 }), run(loginLoad)]);
  const delay = (await ask(server, 'report')).replace(/^DELAY /, '');
  console.log(`GET /api/v1/me at 200 req/s while ${loginParallelism} clients log in continuously`);
  console.log(`  p50 ${fmt(underLoad.latency.p50)} ms   p99 ${fmt(underLoad.latency.p99)} ms   max ${fmt(underLoad.latency.max)} ms   (target p99 < 20 ms)`);
  console.log(`  logins beside it        ${fmt(loginsBeside.requests.average)} /s`);
  console.log(`  event-loop delay        ${delay}\n`);

  // 3. Logins per second against the raw Argon2id rate at the same parallelism.
  const logins = await run(loginLoad);
  if (logins.non2xx > 0) throw new Error(`login answered ${logins.non2xx} non-2xx`);
  await stop(server.child);
  const raw = await startTarget('argon2-target.ts', [String(loginParallelism), String(seconds)]);
  const rawRate = Number(raw.line.slice(5));
  await stop(raw.child);
  console.log(`Logins per second (password only, ${loginParallelism} in parallel)`);
  console.log(`  raw Argon2id verify     ${fmt(rawRate)} /s   (m=19 MiB, t=2, p=1, native)`);
  console.log(`  POST /api/v1/login      ${fmt(logins.requests.average)} /s   p50 ${fmt(logins.latency.p50)} ms`);
  console.log(`  ratio                   ${fmt(logins.requests.average / rawRate, 2)}   (target ≥ 0.80)`);
}

await main();
