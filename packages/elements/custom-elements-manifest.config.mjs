// `npm run build -w @portcullis/elements` writes custom-elements.json from the JSDoc tags.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: process.env.CEM_OUTDIR ?? '.',
  litelement: true,
};
