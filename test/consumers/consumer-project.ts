/**
 * A fresh project outside the workspace, in the system's temp folder, that installs the three
 * packed tarballs (and their third-party dependencies from the registry), as a user would.
 * Made once per test process; the fixtures are copied in beside its package.json.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listening, type ServerProcess } from '../server-process.ts';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const demoPassword = 'a consumer test passphrase';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export interface Consumer {
  dir: string;
  tarballs: Record<'sdk' | 'server' | 'elements', string>;
  bin(name: string): string;
}

/** Packs the workspace packages (built by `npm run build`) and installs them into a new project. */
export function createConsumer(): Consumer {
  for (const pkg of ['sdk', 'server', 'elements']) {
    if (!existsSync(join(repo, 'packages', pkg, 'dist')))
      throw new Error(`packages/${pkg} is not built: run npm run build`);
  }
  const root = mkdtempSync(join(tmpdir(), 'portcullis-consumer-'));
  const packs = join(root, 'tarballs');
  mkdirSync(packs);
  execFileSync(
    npm,
    [
      'pack',
      '--silent',
      '--pack-destination',
      packs,
      '-w',
      '@portcullis/sdk',
      '-w',
      '@portcullis/server',
      '-w',
      '@portcullis/elements',
    ],
    { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const find = (name: string) =>
    join(
      packs,
      readdirSync(packs).find((f) => f.startsWith(`portcullis-${name}-`))!,
    );
  const tarballs = { sdk: find('sdk'), server: find('server'), elements: find('elements') };
  const dir = join(root, 'project');
  cpSync(fileURLToPath(new URL('./fixtures/', import.meta.url)), dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'portcullis-consumer',
        private: true,
        type: 'module',
        dependencies: {
          '@portcullis/sdk': `file:${tarballs.sdk}`,
          '@portcullis/server': `file:${tarballs.server}`,
          '@portcullis/elements': `file:${tarballs.elements}`,
          otplib: '13.5.0',
          react: '19.3.1',
        },
        devDependencies: { '@types/react': '19.3.3', typescript: '6.0.3', vite: '8.3.8' },
      },
      null,
      2,
    ),
  );
  // Outside the workspace: nothing here resolves to the repository's node_modules.
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { dir, tarballs, bin: (name) => join(dir, 'node_modules', '.bin', name) };
}

/** The installed `portcullis-server`, on plain node, a fresh SQLite file and a free port. */
export function startInstalledServer(consumer: Consumer, staticDir?: string): Promise<ServerProcess> {
  const db = join(mkdtempSync(join(tmpdir(), 'portcullis-consumer-db-')), 'consumer.db');
  const args = ['--db', db, '--port', '0', '--seed-demo', ...(staticDir ? ['--static', staticDir] : [])];
  const child: ChildProcess = spawn(consumer.bin('portcullis-server'), args, {
    cwd: consumer.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORTCULLIS_DEMO_PASSWORD: demoPassword, PORTCULLIS_SECRET_KEY: undefined },
  });
  return listening(child);
}
