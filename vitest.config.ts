import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // keytar talks to one D-Bus Secret Service; files run in parallel but each uses its own account.
  },
});
