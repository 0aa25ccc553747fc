/**
 * `npm run size`: bundles every element with the SDK, lit, zod, ky and the QR library (esbuild,
 * minified, code splitting), gzips each chunk and prints the figures beside the target (≤ 30 kB).
 * The QR library is a separate chunk, loaded only when the enrollment step shows. Asserts nothing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const outdir = mkdtempSync(join(tmpdir(), 'portcullis-elements-size-'));
const result = await build({
  entryPoints: [fileURLToPath(new URL('../src/define.ts', import.meta.url))],
  bundle: true,
  splitting: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outdir,
  metafile: true,
  logLevel: 'silent',
  tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
});

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
let initial = 0;
let lazy = 0;
const byPackage = new Map<string, number>();
console.log('@portcullis/elements: every element with the SDK, lit, zod, ky and lean-qr (esbuild, minified, gzip -9)');
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith('.js')) continue;
  const size = gz(file);
  // Dynamic imports are entry points too; only define.ts's chunk and its shared chunks load with the page.
  const isLazy = Object.keys(output.inputs).length > 0 && Object.keys(output.inputs).every((input) => input.includes('node_modules/lean-qr/'));
  if (isLazy) lazy += size;
  else initial += size;
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? (input.includes('packages/sdk') ? '@portcullis/sdk' : '@portcullis/elements');
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
}
console.log(`  loaded with the page    ${kB(initial)} gzipped   (target ≤ 30 kB; Hanko Elements 44 kB, Clerk 84 kB)`);
console.log(`  loaded at enrollment    ${kB(lazy)} gzipped   (lean-qr, a dynamic import)`);
console.log('  minified, by package:');
for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1])) console.log(`    ${name.padEnd(28)}${kB(bytes)}`);
