import { defineConfig } from 'vite';

// The `event-desk` CLI as one ES module for Node 24 (out/cli/event-desk.js): loading one bundled
// file instead of ~60 TypeScript sources and their dependencies is most of a cold start.
// bin/event-desk.js uses it when it is newer than the sources, and the sources otherwise.
export default defineConfig({
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node24',
    minify: true,
    sourcemap: false,
    rollupOptions: {
      // keytar is a native addon: it stays a runtime require.
      external: ['keytar'],
      output: { entryFileNames: 'event-desk.js', format: 'es' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
