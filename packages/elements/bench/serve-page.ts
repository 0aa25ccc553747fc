import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context } from 'esbuild';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Builds the page in production mode (minified) and serves it on a free port. */
export async function servePage(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-'));
  copyFileSync(here('bench-page.html'), join(dir, 'index.html'));
  copyFileSync(here('bench-page.css'), join(dir, 'bench-page.css'));
  const ctx = await context({
    entryPoints: [here('render-page.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    outdir: dir,
    logLevel: 'silent',
    tsconfig: here('../tsconfig.json'),
  });
  await ctx.rebuild();
  const { port } = await ctx.serve({ servedir: dir, host: '127.0.0.1', port: 0 });
  return { url: `http://127.0.0.1:${port}/index.html`, stop: () => ctx.dispose() };
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
