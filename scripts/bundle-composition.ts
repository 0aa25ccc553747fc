/**
 * What a bundle is made of, from esbuild's metafile (`npm run bench:size`, #21): the bytes each
 * input left in the output, summed by package (and, for our own packages, by folder or file),
 * apart for what is loaded with the page (the entry and what it imports statically) and what
 * is loaded on demand (the chunks behind `import()`).
 */
import { build, type Metafile } from 'esbuild';

export interface Composition {
  /** Output files loaded with the page: the entry's and those it imports statically. */
  pageFiles: string[];
  /** Minified bytes by input group, loaded with the page. */
  page: Map<string, number>;
  /** Minified bytes by input group, loaded on demand. */
  lazy: Map<string, number>;
}

/**
 * `lit-html`, `@lit/context`, `sdk/contract/org.ts`, `elements/org-policy-table`, `elements/shared`.
 * Paths are as esbuild gives them, relative to where it ran: `src/…` is the measuring package's own.
 */
export function inputGroup(path: string, self: string): string {
  const modules = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(path);
  if (modules) return modules[1]!;
  const ours = /(?:^|\/)(sdk|elements|server)\/src\/(.+)$/.exec(path.startsWith('src/') ? `${self}/${path}` : path);
  if (!ours) return path;
  const [, pkg, rest] = ours;
  const parts = rest!.split('/');
  // The contract and the locales by file (they are what a change to the contract or a string
  // moves); an element by its folder; shared helpers as one.
  if (parts[0] === 'contract' || parts[0] === 'locales') return `${pkg}/${parts.join('/')}`;
  return `${pkg}/${parts[0]}`;
}

export function composition(meta: Metafile, entryOutput: string, self: string): Composition {
  const pageFiles: string[] = [];
  const visit = (file: string) => {
    if (pageFiles.includes(file)) return;
    pageFiles.push(file);
    for (const next of meta.outputs[file]?.imports ?? []) if (next.kind === 'import-statement') visit(next.path);
  };
  visit(entryOutput);
  const page = new Map<string, number>();
  const lazy = new Map<string, number>();
  for (const [file, output] of Object.entries(meta.outputs))
    if (file.endsWith('.js')) inputGroups(output, self, pageFiles.includes(file) ? page : lazy);
  return { pageFiles, page, lazy };
}

/** The minified bytes one output file holds, by input group (added into `into`). */
export function inputGroups(
  output: Metafile['outputs'][string],
  self: string,
  into = new Map<string, number>(),
): Map<string, number> {
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const group = inputGroup(input, self);
    into.set(group, (into.get(group) ?? 0) + bytesInOutput);
  }
  return into;
}

/** The largest groups first, one a line, with their share of the total. */
export function printComposition(title: string, groups: Map<string, number>, top = 25): void {
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  console.log(`  ${title} (minified bytes by input, largest first; ${(total / 1000).toFixed(1)} kB in all)`);
  const sorted = [...groups].sort((a, b) => b[1] - a[1]);
  for (const [group, bytes] of sorted.slice(0, top))
    console.log(
      `    ${`${(bytes / 1000).toFixed(1)} kB`.padStart(9)} ${`${((bytes / total) * 100).toFixed(0)} %`.padStart(5)}  ${group}`,
    );
  if (sorted.length > top) console.log(`    … and ${sorted.length - top} smaller`);
}

/**
 * Bundles one entry from the sources as a page would load it (esbuild, code splitting on, nothing
 * written) and tells what it is made of: for the tests that keep a module off the page.
 */
export async function entryComposition(entry: string, self: string): Promise<Composition> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['@portcullis/source'],
    outdir: '/nowhere',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const name = entry.split('/').pop()!.replace(/\.ts$/, '.js');
  const output = Object.keys(result.metafile.outputs).find((file) => file.endsWith(name))!;
  return composition(result.metafile, output, self);
}
