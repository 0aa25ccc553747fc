/**
 * `npm run bench:profile -w @portcullis/server`: where `GET /api/v1/me` spends its time (#21). The
 * account API runs in a child process under `--cpu-prof` while autocannon (here) sends `/me` with
 * a valid session for `BENCH_SECONDS` (default 10); the profile's self time is then summed by
 * function and the top costs printed, with the request rate. Asserts nothing.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const top = Number(process.env.PROFILE_TOP ?? 15);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const profileDir = mkdtempSync(join(tmpdir(), 'portcullis-profile-'));

const child = spawn(
  process.execPath,
  [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${profileDir}`, here('portcullis-target.ts')],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
let port = '';
for (let next = await lines.next(); !next.done; next = await lines.next()) {
  if (next.value.startsWith('PORT ')) {
    port = next.value.slice(5);
    break;
  }
}
const base = `http://127.0.0.1:${port}/api/v1`;
const login = await fetch(`${base}/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'bench-root', password: 'a benchmark passphrase', tokenType: 'bearer' }),
});
const { token } = (await login.json()) as { token: string };
const result = await autocannon({
  url: `${base}/me`,
  headers: { authorization: `Bearer ${token}` },
  connections: 10,
  duration: seconds,
});
// The profile is written when the target exits on its own: end its stdin, then ask it to stop.
child.stdin!.write('exit\n');
child.stdin!.end();
await once(child, 'exit');

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}
const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id)!;
  const { functionName, url, lineNumber } = node.callFrame;
  const path = url.startsWith('file:') ? relative(repo, fileURLToPath(url)).replace(/^node_modules\//, '') : url;
  const where = url ? `${path}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  self.set(key, (self.get(key) ?? 0) + ms);
  total += ms;
});
console.log(
  `GET /api/v1/me: ${result.requests.average.toFixed(0)} req/s over ${seconds} s (10 connections), non-2xx ${result.non2xx}`,
);
console.log(`CPU profile of the server, self time, top ${top} of ${total.toFixed(0)} ms:`);
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
