/**
 * `npm run size`: what ships, gzipped (-9), beside the target (everything loaded with the page
 * ≤ 30 kB; Hanko Elements 2.7.0 is 44.4 kB). Reads the built package (`npm run build` first):
 *   - the no-build bundle `dist/portcullis-elements.js`, and its lazily loaded chunks (the QR
 *     library at enrollment, bowser with the session list, the WebAuthn helpers at the first
 *     passkey prompt);
 *   - a consumer's `vite build` of a page that imports `@portcullis/elements/define`;
 *   - what the bundle is made of: esbuild's metafile of the same entry, largest inputs first.
 * Prints; asserts nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { build as esbuild } from 'esbuild';
import { composition, printComposition } from '../../../scripts/bundle-composition.ts';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const target = '(target ≤ 30 kB; Hanko Elements 44.4 kB, Clerk 84.2 kB)';

if (!existsSync(join(dist, 'portcullis-elements.js'))) throw new Error('Build first: npm run build');

const bundleFiles = readdirSync(dist).filter((f) => f.startsWith('portcullis-elements') && f.endsWith('.js'));
// With the page: the bundle and every chunk it imports statically (`import … from"./x.js"`, not `import("./x.js")`).
const withPage = new Set<string>();
const follow = (file: string) => {
  if (withPage.has(file)) return;
  withPage.add(file);
  for (const [, next] of readFileSync(join(dist, file), 'utf8').matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g))
    follow(next!);
};
follow('portcullis-elements.js');
const bundle = [...withPage].reduce((sum, f) => sum + gz(join(dist, f)), 0);
const bundleLazy = bundleFiles.filter((f) => !withPage.has(f)).reduce((sum, f) => sum + gz(join(dist, f)), 0);
console.log('@portcullis/elements as shipped (minified, gzip -9)');
console.log(`  no-build bundle, loaded with the page   ${kB(bundle)}   ${target}`);
console.log(
  `  its chunks loaded on demand             ${kB(bundleLazy)}   (the answers' check, the organization client, QR, bowser, WebAuthn)`,
);

const outDir = mkdtempSync(join(tmpdir(), 'portcullis-size-app-'));
const result = await build({
  root: fileURLToPath(new URL('./app/', import.meta.url)),
  logLevel: 'silent',
  build: { outDir, emptyOutDir: true, target: 'es2022', modulePreload: { polyfill: false }, manifest: true },
});
void result;
const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  { file: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[] }
>;
const loadedWithPage = new Set<string>();
const visit = (key: string) => {
  const chunk = manifest[key];
  if (!chunk || loadedWithPage.has(chunk.file)) return;
  loadedWithPage.add(chunk.file);
  for (const next of chunk.imports ?? []) visit(next);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
const js = Object.values(manifest)
  .map((c) => c.file)
  .filter((f, i, all) => f.endsWith('.js') && all.indexOf(f) === i);
const initial = js.filter((f) => loadedWithPage.has(f)).reduce((sum, f) => sum + gz(join(outDir, f)), 0);
const lazy = js.filter((f) => !loadedWithPage.has(f)).reduce((sum, f) => sum + gz(join(outDir, f)), 0);
console.log(`  a consumer's vite build of define       ${kB(initial)}   ${target}`);
console.log(`  its lazily loaded chunks                ${kB(lazy)}`);

// The composition: esbuild bundles the bundle's entry from the sources (vite's output is one
// inlined file whose inputs can no longer be told apart), with the same splitting.
const meta = await esbuild({
  entryPoints: { 'portcullis-elements': fileURLToPath(new URL('../src/bundle.ts', import.meta.url)) },
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  conditions: ['@portcullis/source'],
  outdir: mkdtempSync(join(tmpdir(), 'portcullis-size-meta-')),
  metafile: true,
  write: false,
  logLevel: 'silent',
});
const entryOutput = Object.entries(meta.metafile.outputs).find(([, o]) => o.entryPoint?.endsWith('src/bundle.ts'))![0];
const parts = composition(meta.metafile, entryOutput, 'elements');
const pageGzip = meta.outputFiles
  .filter((f) => parts.pageFiles.some((p) => basename(p) === basename(f.path)))
  .reduce((sum, f) => sum + gzipSync(f.contents, { level: 9 }).length, 0);
console.log(`What the no-build bundle is made of (esbuild from the sources: ${kB(pageGzip)} gzipped with the page)`);
printComposition('loaded with the page', parts.page, 30);
printComposition('loaded on demand', parts.lazy, 8);
