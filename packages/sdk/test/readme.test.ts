import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createApp, createMemoryStore, createOrganization } from '@portcullis/server';
import { createNativeArgon2Hasher, startNodeServer } from '@portcullis/server/node';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const readme = readFileSync(here('../README.md'), 'utf8');
const block = (heading: string) => {
  const section = readme.slice(readme.indexOf(heading));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  assert.ok(match, `a ts block under ${heading}`);
  return match[1]!;
};

test("the README's Node example runs as written against a real server", async () => {
  const deps = {
    store: createMemoryStore(),
    hasher: createNativeArgon2Hasher(),
    secretKey: new Uint8Array(32).fill(9),
  };
  const password = 'portcullis demo passphrase';
  await createOrganization(deps, {
    name: 'Demo Organization',
    root: { username: 'demo-root', password },
    subusers: [{ username: 'demo-bob', password }],
  });
  const { server, url } = await startNodeServer(createApp(deps), { port: 0, host: '127.0.0.1' });
  const file = here('readme-node.tmp.ts');
  try {
    writeFileSync(file, block('## In Node'));
    // Asynchronously: the server answering it lives in this process.
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], {
      encoding: 'utf8',
      env: { ...process.env, PORTCULLIS_URL: `${url}/api/v1` },
    });
    assert.equal(run.stdout.trim(), 'demo-bob of Demo Organization: MFA off');
  } finally {
    rmSync(file, { force: true });
    server.close();
  }
});

test("the README's browser example compiles against the published types", () => {
  const file = here('readme-browser.tmp.ts');
  const config = here('tsconfig.readme.tmp.json');
  try {
    writeFileSync(file, block('## In a browser'));
    writeFileSync(config, JSON.stringify({ extends: '../../../tsconfig.base.json', files: ['readme-browser.tmp.ts'] }));
    const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
    const run = spawnSync(process.execPath, [tsc, '-p', config], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout);
  } finally {
    rmSync(file, { force: true });
    rmSync(config, { force: true });
  }
});
