import { defineConfig } from 'vite';

// The browser bundle of the library (dist/browser): `proxpath.js`, the public surface for pages,
// and `chromium-page.js`, the page side of the headless Chromium host that `backend: 'webgpu'`
// uses from Node. Node-only modules (Dawn, puppeteer, node:*) sit behind dynamic imports that a
// browser never takes; they stay external.
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/browser',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: { proxpath: 'src/index.ts', 'chromium-page': 'src/hosts/page/chromium-page.ts' },
      formats: ['es'],
    },
    rollupOptions: { external: [/^node:/, 'puppeteer-core', 'webgpu'] },
  },
});
