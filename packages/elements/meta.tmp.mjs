import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const entry = process.argv[2];
const r = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', splitting: true, outdir: '/tmp/esb-out', metafile: true, write: true, conditions: ['@portcullis/source'], target: 'es2022', logLevel: 'error' });
const outs = Object.entries(r.metafile.outputs);
const main = outs.find(([, o]) => o.entryPoint);
const byPkg = new Map();
let mainBytes = 0;
for (const [file, o] of outs) {
  if (!file.endsWith('.js')) continue;
  const isMain = o.entryPoint !== undefined;
  for (let [input, { bytesInOutput }] of Object.entries(o.inputs)) {
    input = input.replace(/^\.\.\//, 'packages/').replace(/^src\//, 'packages/elements/src/');
    let key = input.replace(/^.*node_modules\//, '').replace(/^(@[^/]+\/[^/]+|[^@/][^/]*)\/.*$/, '$1');
    if (input.includes('packages/sdk/src/contract')) key = 'sdk/contract';
    else if (input.includes('packages/sdk/src')) key = 'sdk';
    else if (input.includes('packages/elements/src/locales/')) key = 'elements/' + input.split('/').pop();
    else if (input.includes('packages/elements/src/shared')) key = 'elements/shared';
    else if (input.includes('packages/elements/src/')) key = 'elements/' + input.split('/src/')[1].split('/')[0];
    const k = (isMain ? '' : '[lazy] ') + key;
    byPkg.set(k, (byPkg.get(k) ?? 0) + bytesInOutput);
  }
}
const fs = await import('node:fs');
let gzMain = 0, gzLazy = 0;
for (const [file, o] of outs) if (file.endsWith('.js')) { const g = gzipSync(fs.readFileSync(file), { level: 9 }).length; if (o.entryPoint) gzMain += g; else gzLazy += g; }
console.log('main gz', (gzMain / 1000).toFixed(1), 'kB; lazy gz', (gzLazy / 1000).toFixed(1));
for (const [k, b] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(String((b / 1000).toFixed(1)).padStart(7), k);
