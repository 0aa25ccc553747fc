import { defineConfig } from 'vite';

// The portal is served by portcullis-server (`npm start`), which sends a strict CSP: nothing
// may be inlined, so assets stay files and the module preload polyfill stays out.
export default defineConfig({
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
