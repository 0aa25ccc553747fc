// `npm run manifest -w @portcullis/elements` writes custom-elements.json from the JSDoc tags.
// The manifest ships with the package, so its module paths name the shipped files
// (`dist/login-form/login-form.js`), not the TypeScript sources they were read from.

// The no-build bundle is the one module that is not named after its source.
const shipped = (path) =>
  /^\/?src\/bundle\.ts$/.test(path) ? 'dist/portcullis-elements.js' : path.replace(/^\/?src\/(.+)\.ts$/, 'dist/$1.js');

function pointAtShippedFiles(node) {
  if (Array.isArray(node)) return node.forEach(pointAtShippedFiles);
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shipped(value);
    else pointAtShippedFiles(value);
  }
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: process.env.CEM_OUTDIR ?? '.',
  litelement: true,
  // package.json names the manifest itself; a check run into another folder must not rewrite it.
  packagejson: false,
  plugins: [
    {
      name: 'portcullis-shipped-paths',
      packageLinkPhase({ customElementsManifest }) {
        pointAtShippedFiles(customElementsManifest.modules);
        // The analyzer visits files in file-system order; sorted, every build writes the same file.
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
