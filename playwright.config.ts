import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's Chromium where it is installed (CI); otherwise Playwright's own browser, if any.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  // Tests wait for states, never for time; these bounds only decide how long a loaded CI machine
  // (another CPU-heavy job beside it) may take to reach them.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['./e2e/support/mode-reporter.ts']],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    // Specs use the `app` fixture's page: the Electron window, or Chromium with the bridged API.
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    viewport: { width: 1280, height: 820 },
  },
});
