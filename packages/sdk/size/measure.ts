/**
 * `npm run size`: bundles, minifies and gzips an app that calls every SDK method, as a consumer
 * would: from the built package (`dist/`, run `npm run build` first), not the sources, with code
 * splitting on, so the WebAuthn helpers land in the chunk loaded at the first passkey ceremony.
 * Prints the figures beside the target (≤ 14 kB loaded with the page, #21) and what they are
 * made of (esbuild's metafile); asserts nothing.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { composition, printComposition } from '../../../scripts/bundle-composition.ts';

const entry = fileURLToPath(new URL('./every-method.ts', import.meta.url));
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

async function bundle(contents?: string) {
  const result = await build({
    ...(contents
      ? { stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' } }
      : { entryPoints: [entry] }),
    bundle: true,
    splitting: !contents,
    outdir: fileURLToPath(new URL('./out/', import.meta.url)),
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [first, ...lazy] = result.outputFiles
    .filter((f) => f.path.endsWith('.js'))
    .sort((a, b) => Number(b.path.includes('every-method')) - Number(a.path.includes('every-method')));
  const code = first!.contents;
  const lazyCode = lazy.map((f) => f.contents);
  return {
    min: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    lazyMin: lazyCode.reduce((n, c) => n + c.length, 0),
    lazyGzip: lazyCode.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
    meta: result.metafile,
  };
}

const all = await bundle();
const kyOnly = await bundle("import ky from 'ky'; export default ky;");
const zodMini = await bundle(
  "import * as z from 'zod/mini'; export const s = z.object({ a: z.string(), b: z.optional(z.number()), c: z.array(z.enum(['x'])), d: z.discriminatedUnion('t', [z.object({ t: z.literal('a') })]) }); export const p = (v: unknown) => z.safeParse(s, v);",
);
const entryOutput = Object.keys(all.meta.outputs).find((file) => file.endsWith('every-method.js'))!;
const parts = composition(all.meta, entryOutput, 'sdk');
console.log('@portcullis/sdk as shipped, bundled from a file that calls every method (esbuild, minified, gzip -9)');
console.log(`  loaded with the page  ${kB(all.min)} minified, ${kB(all.gzip)} gzipped   (target ≤ 14 kB gzipped)`);
console.log(
  `  passkey chunk         ${kB(all.lazyMin)} minified, ${kB(all.lazyGzip)} gzipped, loaded at the first passkey ceremony`,
);
console.log(`  with passkeys         ${kB(all.gzip + all.lazyGzip)} gzipped in all`);
printComposition('loaded with the page', parts.page);
printComposition('loaded on demand', parts.lazy, 5);
console.log(
  `  for scale: ky alone ${kB(kyOnly.gzip)}, zod/mini with a small schema ${kB(zodMini.gzip)} gzipped; the Auth0 SPA SDK is 63 kB`,
);

// The verify helper is its own entry: a backend's bundle (a worker's, say) pays for it, the browser's never does.
const verify = await bundle(
  "export { createVerifier, fromRequest, requireMfa, requireRole } from '@portcullis/sdk/verify';",
);
console.log('@portcullis/sdk/verify as an edge worker bundles it (its own entry; jose inside)');
console.log(`  ${kB(verify.min)} minified, ${kB(verify.gzip)} gzipped`);
