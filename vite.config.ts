import { defineConfig } from 'vite';

// The page (index.html + src/page/) is a static site: everything bundled, nothing from a CDN.
export default defineConfig({
  build: { outDir: 'dist/page', target: 'es2022' },
});
