import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { compiledMessages } from './scripts/i18n/compiled-messages-plugin.ts';
import { shellWords } from './scripts/i18n/shell-words-plugin.ts';

const messages = (locale: string) => resolve(`src/renderer/src/i18n/messages/${locale}.json`);

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
    // shellWords: the static shell's words in each language, as a tiny classic script (index.html).
    plugins: [react(), compiledMessages(), shellWords({ indexHtml: resolve('src/renderer/index.html'), catalogueFiles: { en: messages('en'), pl: messages('pl'), uk: messages('uk') } })],
    build: {
      minify: true,
      // .vite/manifest.json: which chunks the app needs before it is usable (bench/first-paint.ts sums them).
      manifest: true,
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
