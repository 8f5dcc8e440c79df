import { defineConfig } from 'vite';

// The page (index.html + src/page/) is a static site: everything bundled, nothing from a CDN.
// Its fit worker imports the library, whose Node-only hosts (Dawn, headless Chromium, node:*)
// sit behind dynamic imports that a browser never takes: they stay external, as in the library's
// browser bundle (vite.browser.config.ts). Workers are ES modules (the library code-splits).
const nodeOnly = [/^node:/, 'puppeteer-core', 'webgpu'];

export default defineConfig({
  build: { outDir: 'dist/page', target: 'es2022', chunkSizeWarningLimit: 1200, rollupOptions: { external: nodeOnly } },
  worker: { format: 'es', rollupOptions: { external: nodeOnly } },
});
