/**
 * The library builds of every package, declared in one place. Each package's `build` script runs
 * `vite build --config ../../vite.config.ts --mode <build>` and then `tsc` for the declarations:
 *
 *   sdk       @portcullis/sdk        dist/: one ES module per source module; ky, zod, jose (the
 *                                     verify entry's) and @simplewebauthn/browser (imported on the
 *                                     first passkey ceremony) stay imports
 *   elements  @portcullis/elements   dist/: one ES module per source module; lit, @lit/*, the SDK,
 *                                     lean-qr, bowser and react stay imports
 *   bundle    @portcullis/elements   dist/portcullis-elements.js: everything inlined for pages with
 *                                     no build step; lean-qr, bowser and @simplewebauthn/browser are chunks
 *                                     beside it, loaded on demand; the third-party notices in
 *                                     dist/portcullis-elements.licenses.txt
 *   server    @portcullis/server     dist/: one ES module per source module for Node; every package
 *                                     and `node:` import stays an import
 *
 * Keeping the module structure (`preserveModules`) lets consumers' bundlers tree-shake per module
 * and keeps the shipped JavaScript beside its `.d.ts` and declaration map.
 */
import { fileURLToPath } from 'node:url';
import license from 'rollup-plugin-license';
import { defineConfig, type UserConfig } from 'vite';

const packageDir = (name: string) => fileURLToPath(new URL(`./packages/${name}/`, import.meta.url));

/** Bare imports (another package, `node:` builtins) are left to the consumer's resolver. */
const isBare = (id: string) =>
  !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:/.test(id);
const startsWithAny = (prefixes: string[]) => (id: string) => prefixes.some((p) => id === p || id.startsWith(`${p}/`));

function modules(
  name: string,
  entries: Record<string, string>,
  external: (id: string) => boolean,
  node = false,
): UserConfig {
  const root = packageDir(name);
  return {
    root,
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: node ? 'node20' : 'es2022',
      minify: false,
      sourcemap: true,
      ssr: node,
      lib: {
        entry: Object.fromEntries(Object.entries(entries).map(([out, src]) => [out, `${root}${src}`])),
        formats: ['es'],
      },
      rolldownOptions: {
        external,
        output: { preserveModules: true, preserveModulesRoot: `${root}src`, entryFileNames: '[name].js' },
      },
    },
  };
}

const builds: Record<string, () => UserConfig> = {
  sdk: () =>
    modules(
      'sdk',
      { index: 'src/index.ts', 'contract/index': 'src/contract/index.ts', 'verify/index': 'src/verify/index.ts' },
      startsWithAny(['ky', 'zod', '@simplewebauthn/browser', 'jose']),
    ),
  elements: () =>
    modules(
      'elements',
      {
        index: 'src/index.ts',
        define: 'src/define.ts',
        'locales/de': 'src/locales/de.ts',
        'locales/fr': 'src/locales/fr.ts',
        'locales/ar': 'src/locales/ar.ts',
        react: 'src/react.ts',
      },
      (id) => /^(lit|@lit\/[^/]+|@portcullis\/sdk|lean-qr|bowser|react)(\/|$)/.test(id),
    ),
  bundle: () => {
    const root = packageDir('elements');
    return {
      root,
      plugins: [
        // The bundle carries lit, ky, zod and the rest inside it: their notices ship beside it.
        license({
          thirdParty: {
            output: `${root}dist/portcullis-elements.licenses.txt`,
            allow: {
              test: '(MIT OR ISC OR BSD-2-Clause OR BSD-3-Clause OR Apache-2.0)',
              failOnUnlicensed: true,
              failOnViolation: true,
            },
          },
        }),
      ],
      build: {
        outDir: 'dist',
        // Built after `elements`, into the same folder.
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        sourcemap: true,
        lib: { entry: { 'portcullis-elements': `${root}src/bundle.ts` }, formats: ['es'] },
        rolldownOptions: {
          // Code that the page and a chunk loaded on demand share stays in this file (which then
          // exports it to the chunk) rather than in small chunks of its own, each one more request
          // before the page can start.
          preserveEntrySignatures: 'allow-extension',
          output: {
            entryFileNames: '[name].js',
            chunkFileNames: 'portcullis-elements-[name]-[hash].js',
            // Vite leaves the whitespace of library ES builds for the consumer's bundler to remove;
            // this file goes to pages as it is, so it is minified whole.
            minify: true,
            postBanner:
              '/*! @portcullis/elements (MIT); the notices of the packages inside: portcullis-elements.licenses.txt */',
          },
        },
      },
    };
  },
  server: () =>
    modules('server', { index: 'src/index.ts', node: 'src/node.ts', 'cli/main': 'src/cli/main.ts' }, isBare, true),
};

export default defineConfig(({ mode }) => {
  const build = builds[mode];
  if (!build) throw new Error(`vite.config.ts: --mode must be one of ${Object.keys(builds).join(', ')}; got "${mode}"`);
  return build();
});
