import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { parseCommandLine, UsageError } from './config.ts';
import { parseDuration } from './duration.ts';

const bin = fileURLToPath(new URL('../../bin/portcullis-server.js', import.meta.url));

/** Starts `portcullis-server` with `args`, returns what it printed until it was serving, and stops it. */
async function startupOutput(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<string> {
  const child = spawn(process.execPath, [bin, ...args, '--port', '0'], {
    cwd: options.cwd,
    env: {
      ...process.env,
      PORTCULLIS_SECRET_KEY: undefined,
      PORTCULLIS_DB: undefined,
      PORTCULLIS_DEMO_PASSWORD: undefined,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  let out = '';
  for await (const line of createInterface({ input: child.stdout })) {
    out += `${line}\n`;
    if (line.includes('running at')) break;
  }
  child.kill();
  assert.match(out, /running at/, `the server did not start: ${err}`);
  return out;
}

test('durations read as people write them', () => {
  assert.equal(parseDuration('30d'), 30 * 86_400_000);
  assert.equal(parseDuration('10m'), 600_000);
  assert.equal(parseDuration('5s'), 5000);
  assert.equal(parseDuration('250ms'), 250);
  for (const bad of ['', '10', '0s', '-5s', '1.5h', '10 minutes', '1y']) assert.equal(parseDuration(bad), null, bad);
});

test('flags and PORTCULLIS_* variables configure the server; flags win', () => {
  const config = parseCommandLine(
    [
      '--port',
      '9000',
      '--reauth-window',
      '5m',
      '--allowed-origin',
      'https://a.example',
      '--allowed-origin',
      'https://b.example:8443',
    ],
    {
      PORTCULLIS_PORT: '1234',
      PORTCULLIS_HOST: '0.0.0.0',
      PORTCULLIS_SESSION_IDLE_TIMEOUT: '7d',
      PORTCULLIS_SEED_DEMO: '1',
      PORTCULLIS_PUBLIC_ORIGIN: 'https://accounts.example.com',
      PORTCULLIS_DEMO_PASSWORD: 'a demo password of our own',
    },
  );
  assert.equal(config.command, 'serve');
  if (config.command !== 'serve') return;
  assert.equal(config.port, 9000);
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.seedDemo, true);
  assert.equal(config.settings.reauthWindowMs, 300_000);
  assert.equal(config.settings.sessionIdleTimeoutMs, 7 * 86_400_000);
  assert.deepEqual(config.settings.allowedOrigins, ['https://a.example', 'https://b.example:8443']);
  assert.equal(config.settings.publicOrigin, 'https://accounts.example.com');
  assert.deepEqual(config.connectOrigins, []);
  const connecting = parseCommandLine(
    ['--connect-origin', 'https://api.example.com', '--connect-origin', 'http://localhost:8788'],
    {},
  );
  assert.deepEqual(connecting.command === 'serve' && connecting.connectOrigins, [
    'https://api.example.com',
    'http://localhost:8788',
  ]);
  assert.throws(
    () => parseCommandLine(['--connect-origin', 'https://api.example.com/path'], {}),
    UsageError,
    'an origin, not a URL with a path',
  );
  const defaults = parseCommandLine([], {});
  assert.equal(defaults.command === 'serve' && defaults.port, 8787);
  assert.deepEqual(defaults.command === 'serve' && defaults.db, { kind: 'sqlite', path: './data/portcullis.db' });
  const shared = parseCommandLine(['--db', 'postgres://portcullis:secret@db.example/accounts'], {});
  assert.deepEqual(shared.command === 'serve' && shared.db, {
    kind: 'postgres',
    url: 'postgres://portcullis:secret@db.example/accounts',
  });
});

test('the token audience is repeatable or comma-separated, the token lifetime defaults to 5 minutes', () => {
  const flags = parseCommandLine(
    ['--token-audience', 'api://orders', '--token-audience', 'https://api.example.com', '--token-ttl', '1h'],
    { PORTCULLIS_TOKEN_AUDIENCE: 'ignored' },
  );
  assert.equal(flags.command, 'serve');
  if (flags.command !== 'serve') return;
  assert.deepEqual(flags.settings.tokenAudience, ['api://orders', 'https://api.example.com']);
  assert.equal(flags.settings.tokenTtlMs, 3_600_000);
  const env = parseCommandLine([], { PORTCULLIS_TOKEN_AUDIENCE: 'a, b', PORTCULLIS_TOKEN_TTL: '90s' });
  assert.deepEqual(env.command === 'serve' && env.settings.tokenAudience, ['a', 'b']);
  assert.equal(env.command === 'serve' && env.settings.tokenTtlMs, 90_000);
  const defaults = parseCommandLine([], {});
  assert.deepEqual(defaults.command === 'serve' && defaults.settings.tokenAudience, []);
  assert.equal(defaults.command === 'serve' && defaults.settings.tokenTtlMs, 300_000);
});

test("each API key's request budget defaults to 3,000 a minute; a flag or PORTCULLIS_API_KEY_RATE sets it", () => {
  const rate = (argv: string[], env: Record<string, string> = {}) => {
    const config = parseCommandLine(argv, env);
    return config.command === 'serve' ? config.settings.apiKeyRequestsPerMinute : null;
  };
  assert.equal(rate([]), 3000);
  assert.equal(rate(['--api-key-rate', '120']), 120);
  assert.equal(rate([], { PORTCULLIS_API_KEY_RATE: '600' }), 600);
  for (const bad of ['0', '=-5', 'lots', '1.5', '10000000'])
    assert.throws(
      () => rate([`--api-key-rate${bad.startsWith('=') ? bad : `=${bad}`}`]),
      /--api-key-rate: .* must be a whole number/,
      bad,
    );
});

test('password hashes at once: one per core but one unless a flag or PORTCULLIS_HASH_CONCURRENCY says', () => {
  const budget = (argv: string[], env: Record<string, string> = {}) => {
    const config = parseCommandLine(argv, env);
    return config.command === 'serve' ? config.hashConcurrency : null;
  };
  assert.equal(budget([]), undefined, 'the hasher picks its default');
  assert.equal(budget(['--hash-concurrency', '4']), 4);
  assert.equal(budget([], { PORTCULLIS_HASH_CONCURRENCY: '2' }), 2);
  for (const bad of ['0', '=-1', 'many', '1.5', '1000'])
    assert.throws(
      () => budget([`--hash-concurrency${bad.startsWith('=') ? bad : `=${bad}`}`]),
      /--hash-concurrency: .* must be a whole number/,
      bad,
    );
});

test('a bad flag or value is a UsageError with a one-line message', () => {
  const cases: Array<[string[], Record<string, string>]> = [
    [['--bogus'], {}],
    [['--port', 'eighty'], {}],
    [['--port', '70000'], {}],
    [['--reauth-window', 'soon'], {}],
    [['--allowed-origin', 'https://a.example/path'], {}],
    [['--allowed-origin', 'javascript:alert(1)'], {}],
    [['migrate', '--bogus'], {}],
    [['--db', 'postgres://a b'], {}],
    [['--host', '0.0.0.0'], {}],
    [['--host', '192.0.2.1', '--public-origin', 'http://portal.example.com'], {}],
    [['--public-origin', 'https://accounts.example.com/path'], {}],
    [[], { PORTCULLIS_SEED_DEMO: 'maybe' }],
    [['--session-idle-timeout', '30d', '--session-max-lifetime', '1d'], {}],
    [['create-org', '--name', 'Acme', '--username', 'root', '--password', 'visible-in-ps'], {}],
    [['create-org', '--username', 'root'], {}],
    [['--token-ttl', '61m'], {}],
    [['--token-ttl', '500ms'], {}],
    [['--token-ttl', 'forever'], {}],
    [['--token-audience', 'has space'], {}],
    [['--token-audience', 'a,b'], {}],
    [[], { PORTCULLIS_TOKEN_TTL: '2h' }],
  ];
  for (const [argv, env] of cases) {
    assert.throws(
      () => parseCommandLine(argv, env),
      (error: unknown) => error instanceof UsageError && !error.message.includes('\n'),
      argv.join(' '),
    );
  }
});

test('F4: --seed-demo with the published demo password is refused on an origin others reach: one line, exit 2', () => {
  const publicOne = ['--seed-demo', '--public-origin', 'https://accounts.example.com'];
  assert.throws(() => parseCommandLine(publicOne, {}), /PORTCULLIS_DEMO_PASSWORD/);
  assert.throws(
    () => parseCommandLine(publicOne, { PORTCULLIS_DEMO_PASSWORD: 'portcullis demo passphrase' }),
    UsageError,
    'the default, spelt out, is still the default',
  );
  assert.equal(
    parseCommandLine(publicOne, { PORTCULLIS_DEMO_PASSWORD: 'one of our own, long enough' }).command,
    'serve',
  );
  for (const local of [[], ['--public-origin', 'http://localhost:8787'], ['--public-origin', 'https://localhost']]) {
    assert.equal(parseCommandLine(['--seed-demo', ...local], {}).command, 'serve', local.join(' '));
  }
  assert.equal(
    parseCommandLine(['--public-origin', 'https://accounts.example.com'], {}).command,
    'serve',
    'without --seed-demo nothing is asked',
  );
  const run = spawnSync(
    process.execPath,
    [bin, ...publicOne, '--db', join(mkdtempSync(join(tmpdir(), 'portcullis-f4-')), 'x.db')],
    {
      encoding: 'utf8',
      env: { ...process.env, PORTCULLIS_DEMO_PASSWORD: undefined, PORTCULLIS_SEED_DEMO: undefined },
    },
  );
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stderr.trim().split('\n').length, 1);
  assert.match(run.stderr, /^portcullis-server: --seed-demo: the demo password is published/);
});

test('the command exits with 2 and one line for a bad flag', () => {
  const run = spawnSync(process.execPath, [bin, '--port', 'nope'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.equal(run.stderr.trim().split('\n').length, 1);
  assert.match(run.stderr, /^portcullis-server: --port/);
});

test('a mistyped command is named, followed by the list of every command, exit 2; help and --help print the same list', () => {
  const run = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  const [first, ...rest] = run.stderr.split('\n');
  assert.equal(first, 'portcullis-server: unknown command "frobnicate"');
  const list = rest.join('\n');
  for (const command of [
    'create-org',
    'migrate',
    'help',
    'reset-mfa',
    'revoke-sessions',
    'unlock',
    'users',
    'events',
    'rotate-key',
    'backup',
  ]) {
    assert.match(list, new RegExp(`portcullis-server ${command}\\b`), command);
  }
  const help = spawnSync(process.execPath, [bin, 'help'], { encoding: 'utf8' });
  const dashed = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.deepEqual([help.status, dashed.status], [0, 0]);
  assert.equal(help.stdout, dashed.stdout);
  assert.equal(help.stdout.trim(), list.trim());
  const hostile = spawnSync(process.execPath, [bin, 'x\u001b[2J'], { encoding: 'utf8' });
  assert.match(hostile.stderr, /unknown command "x\\u\{1b\}\[2J"/, 'the word is shown, not obeyed');
});

test('create-org takes the password from standard input, never a flag, and keeps the key file private', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'portcullis-')), 'prod.db');
  const env = { ...process.env, PORTCULLIS_SECRET_KEY: undefined, PORTCULLIS_ROOT_PASSWORD: undefined };
  const run = spawnSync(
    process.execPath,
    [bin, 'create-org', '--db', db, '--name', 'Initech', '--username', 'Initech-Root'],
    {
      input: 'a strong root passphrase\n',
      encoding: 'utf8',
      env,
    },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Created organization "Initech" .* root user initech-root/);
  assert.equal(statSync(`${db}.key`).mode & 0o777, 0o600);
  const store = createSqliteStore(db);
  assert.equal((await store.findUserByUsername('initech-root'))!.role, 'root');
  await store.close();
  const weak = spawnSync(process.execPath, [bin, 'create-org', '--db', db, '--name', 'X', '--username', 'x-root'], {
    input: 'short\n',
    encoding: 'utf8',
    env,
  });
  assert.equal(weak.status, 2);
  assert.match(weak.stderr, /^portcullis-server: Use at least 15 characters/);
  assert.equal(weak.stderr.includes('short'), false, 'the password is not echoed');
});

test('a public origin is https, or plain http on a loopback name; without one only loopback addresses are listened on', () => {
  const local = parseCommandLine(['--public-origin', 'http://localhost:8787'], {});
  assert.equal(local.command === 'serve' && local.settings.publicOrigin, 'http://localhost:8787');
  const hosted = parseCommandLine(['--host', '0.0.0.0'], { PORTCULLIS_PUBLIC_ORIGIN: 'https://accounts.example.com/' });
  assert.equal(hosted.command === 'serve' && hosted.settings.publicOrigin, 'https://accounts.example.com');
  const none = parseCommandLine([], {});
  assert.equal(none.command === 'serve' && none.settings.publicOrigin, null);
  assert.throws(() => parseCommandLine(['--host', '0.0.0.0'], {}), /set --public-origin/);
});

test('the demo password is printed only when it is the documented default', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-'));
  const own = 'an operator chosen demo passphrase';
  const withOwn = await startupOutput(['--db', join(dir, 'own.db'), '--seed-demo'], {
    env: { PORTCULLIS_DEMO_PASSWORD: own },
  });
  assert.match(withOwn, /Seeded the demo organization/);
  assert.equal(withOwn.includes(own), false);
  assert.match(
    await startupOutput(['--db', join(dir, 'default.db'), '--seed-demo']),
    /password "portcullis demo passphrase"/,
  );
});

test('a port already in use is said in one line with exit code 1, not a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-'));
  const first = spawn(process.execPath, [bin, '--db', join(dir, 'first.db'), '--port', '0'], {
    env: { ...process.env, PORTCULLIS_SECRET_KEY: undefined },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    let port = '';
    for await (const line of createInterface({ input: first.stdout })) {
      port = /running at http:\/\/localhost:(\d+)\//.exec(line)?.[1] ?? '';
      if (port) break;
    }
    const second = spawnSync(process.execPath, [bin, '--db', join(dir, 'second.db'), '--port', port], {
      encoding: 'utf8',
      env: { ...process.env, PORTCULLIS_SECRET_KEY: undefined },
    });
    assert.equal(second.status, 1);
    // Before it, only the JSON log lines of startup (the new key file).
    assert.equal(
      second.stderr.trim().split('\n').at(-1),
      `portcullis-server: cannot listen on 127.0.0.1:${port}: the port is in use; choose another with --port`,
    );
    assert.equal(/^\s+at /m.test(second.stderr), false, 'no stack trace');
  } finally {
    first.kill();
  }
});

test('a key file that is not a key, or a --static folder that is not there, is one line and exit code 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-'));
  const env = { ...process.env, PORTCULLIS_SECRET_KEY: undefined };
  writeFileSync(join(dir, 'broken.db.key'), 'not-a-key-at-all\n', { mode: 0o600 });
  const broken = spawnSync(process.execPath, [bin, '--db', join(dir, 'broken.db'), '--port', '0'], {
    encoding: 'utf8',
    env,
  });
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /^portcullis-server: .*broken\.db\.key: the secret key must be 32 bytes/);
  assert.equal(broken.stderr.includes('not-a-key-at-all'), false, 'the contents are not shown');
  const noFolder = spawnSync(
    process.execPath,
    [bin, '--db', join(dir, 'ok.db'), '--port', '0', '--static', join(dir, 'nope')],
    { encoding: 'utf8', env },
  );
  assert.equal(noFolder.status, 2);
  assert.equal(
    noFolder.stderr.trim().split('\n').at(-1),
    `portcullis-server: --static: no folder at ${join(dir, 'nope')}`,
  );
});

test('a fresh checkout starts as `npm start` does: ./data is made, owner-only, with the database and its key', async () => {
  const checkout = mkdtempSync(join(tmpdir(), 'portcullis-checkout-'));
  await startupOutput(['--seed-demo'], { cwd: checkout });
  assert.equal(statSync(join(checkout, 'data')).mode & 0o777, 0o700);
  assert.equal(statSync(join(checkout, 'data', 'portcullis.db.key')).mode & 0o777, 0o600);
  assert.equal(statSync(join(checkout, 'data', 'portcullis.db')).mode & 0o777, 0o600);
  // A second start finds what the first made.
  assert.match(await startupOutput(['--seed-demo'], { cwd: checkout }), /running at/);
});
