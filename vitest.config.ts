import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // CI runs on a shared, loaded machine: a slow start (a core, a mock server, keytar) is not a failure.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // keytar talks to one D-Bus Secret Service; files run in parallel but each uses its own account.
  },
});
