import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary } from './electron-binary.ts';

/** Fails early with a clear message instead of forty confusing test failures. */
export default function globalSetup(): void {
  if (!existsSync(join(process.cwd(), 'out', 'renderer', 'index.html')) || !existsSync(join(process.cwd(), 'out', 'main', 'index.js'))) {
    throw new Error('The app is not built: run "npm run build" before the e2e tests.');
  }
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('No D-Bus session: run the e2e tests through "npm test" (scripts/with-keyring.sh provides a private keychain).');
  }
  const binary = electronBinary();
  console.log(
    binary
      ? `E2E mode: Electron (${binary}), the built app launched through Playwright's _electron.`
      : 'E2E mode: chromium-bridge. The Electron binary is not installed here, so the built renderer runs in Debian Chromium with window.api bridged to the real main-process handlers; Electron launch tests are SKIPPED.',
  );
}
