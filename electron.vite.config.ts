import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { compiledMessages } from './scripts/i18n/compiled-messages-plugin.ts';

export default defineConfig({
  main: {
    build: { rollupOptions: { input: resolve('src/main/index.ts') } },
  },
  preload: {
    build: {
      // Sandboxed preloads must be CommonJS; the package is "type": "module".
      rollupOptions: { input: resolve('src/preload/index.ts'), output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    // The message catalogues ship precompiled (no ICU parser in the bundle): docs/i18n.md.
    plugins: [react(), compiledMessages()],
    build: {
      minify: true,
      // .vite/manifest.json: which chunks the app needs before it is usable (bench/first-paint.ts sums them).
      manifest: true,
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
