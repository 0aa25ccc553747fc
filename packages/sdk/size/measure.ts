/**
 * `npm run size`: bundles, minifies and gzips an app that calls every SDK method, as a consumer
 * would: from the built package (`dist/`, run `npm run build` first), not the sources, with code
 * splitting on, so the answers' check (zod and the schemas) lands in the chunk loaded at the first
 * call, the organization's part in the one loaded at the first call of `client.org` and the WebAuthn
 * helpers in the one loaded at the first passkey ceremony.
 * Prints the figures beside the target (≤ 14 kB loaded with the page, #21) and what they are
 * made of (esbuild's metafile); asserts nothing.
 */
import { gzipSync } from 'node:zlib';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { composition, inputGroups, printComposition } from '../../../scripts/bundle-composition.ts';

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
  // With the page: the entry and the chunks it imports statically (shared code lands in one when
  // a lazy chunk needs it too); on demand: every other chunk. Each file is gzipped on its own, as sent.
  const entryOutput = Object.keys(result.metafile.outputs).find((file) => /(every-method|stdin)\.js$/.test(file))!;
  const { pageFiles } = composition(result.metafile, entryOutput, 'sdk');
  // Each file written, beside its metafile entry (the metafile names it relative to where esbuild ran).
  const files = result.outputFiles
    .filter((f) => f.path.endsWith('.js'))
    .map((f) => {
      const [name, output] = Object.entries(result.metafile.outputs).find(([file]) =>
        f.path.endsWith(`/${basename(file)}`),
      )!;
      return { contents: f.contents, output, onPage: pageFiles.includes(name) };
    });
  const sum = (list: typeof files, size: (c: Uint8Array) => number) => list.reduce((n, f) => n + size(f.contents), 0);
  const page = files.filter((f) => f.onPage);
  const lazy = files.filter((f) => !f.onPage);
  const gzip = (c: Uint8Array) => gzipSync(c, { level: 9 }).length;
  // Each chunk on demand with what it holds, largest input first.
  const chunks = lazy.map((f) => ({
    gzip: gzip(f.contents),
    holds: [...inputGroups(f.output, 'sdk')].sort((a, b) => b[1] - a[1]).map(([group]) => group),
  }));
  return {
    chunks,
    min: sum(page, (c) => c.length),
    gzip: sum(page, gzip),
    lazyMin: sum(lazy, (c) => c.length),
    lazyGzip: sum(lazy, gzip),
    entryOutput,
    meta: result.metafile,
  };
}

const all = await bundle();
const kyOnly = await bundle("import ky from 'ky'; export default ky;");
const zodMini = await bundle(
  "import * as z from 'zod/mini'; export const s = z.object({ a: z.string(), b: z.optional(z.number()), c: z.array(z.enum(['x'])), d: z.discriminatedUnion('t', [z.object({ t: z.literal('a') })]) }); export const p = (v: unknown) => z.safeParse(s, v);",
);
const parts = composition(all.meta, all.entryOutput, 'sdk');
console.log('@portcullis/sdk as shipped, bundled from a file that calls every method (esbuild, minified, gzip -9)');
console.log(`  loaded with the page  ${kB(all.min)} minified, ${kB(all.gzip)} gzipped   (target ≤ 14 kB gzipped)`);
console.log(
  `  chunks on demand      ${kB(all.lazyMin)} minified, ${kB(all.lazyGzip)} gzipped, each when first needed:`,
);
const when = (holds: string[]) =>
  holds.includes('sdk/response-check.ts')
    ? "at the first call (the answers' check)"
    : holds.includes('sdk/org-client.ts')
      ? 'at the first call of client.org'
      : holds.includes('@simplewebauthn/browser')
        ? 'at the first passkey ceremony'
        : 'shared by those';
for (const chunk of all.chunks.sort((a, b) => b.gzip - a.gzip))
  console.log(`    ${kB(chunk.gzip).padStart(8)}  ${when(chunk.holds)}: ${chunk.holds.slice(0, 4).join(', ')}`);
console.log(`  in all                ${kB(all.gzip + all.lazyGzip)} gzipped`);
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
