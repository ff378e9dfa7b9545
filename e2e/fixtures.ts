import { _electron, test as base, expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeytarSecretStore } from '../src/main/secrets/keytar-store.ts';
import { startMockServer, type MockServer } from '../tools/mock-api/server.ts';
import { AppPage } from './pages/app-page.ts';
import { bridgeApi } from './support/bridge.ts';
import { E2E_MODE, electronBinary } from './support/electron-binary.ts';
import { serveFolder } from './support/static-server.ts';

interface Options {
  /** Where the app sends requests; by default a mock started for the test. */
  apiBaseUrl: string | undefined;
  /** A key put in the keychain before the app starts; null starts with none. */
  storedKey: string | null | undefined;
  /** Extra environment for the main process, e.g. EVENT_DESK_REQUEST_TIMEOUT_MS. */
  mainEnv: Record<string, string>;
  /** 'unavailable' starts the app on a desktop with no Secret Service. */
  keychain: 'available' | 'unavailable';
  /** What the export save dialog answers: a path (default: export.json in the test's folder) or null. */
  exportPath: string | null | undefined;
  /** Puts an unreadable history.sqlite in the user-data folder before the app starts. */
  corruptHistory: boolean;
}

interface Fixtures {
  mock: MockServer;
  userDataDir: string;
  keychainService: string;
  /** A page showing the app, ready (its readiness marker set). */
  app: Page;
  appPage: AppPage;
  /** Reads the system clipboard the way the mode allows (Electron's clipboard module, or the page's). */
  clipboardText: () => Promise<string>;
}

const rendererFolder = join(process.cwd(), 'out', 'renderer');

// Set by the `app` fixture for the test it is running (a worker runs its tests one at a time).
let readClipboard: (() => Promise<string>) | undefined;

export const test = base.extend<Options & Fixtures, { renderer: { url: string } }>({
  apiBaseUrl: [undefined, { option: true }],
  storedKey: [undefined, { option: true }],
  mainEnv: [{}, { option: true }],
  keychain: ['available', { option: true }],
  exportPath: [undefined, { option: true }],
  corruptHistory: [false, { option: true }],

  renderer: [
    async ({}, use) => {
      const server = await serveFolder(rendererFolder);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  mock: async ({}, use) => {
    const mock = await startMockServer();
    await use(mock);
    await mock.close();
  },

  userDataDir: async ({}, use) => {
    const folder = mkdtempSync(join(tmpdir(), 'event-desk-e2e-'));
    await use(folder);
    rmSync(folder, { recursive: true, force: true });
  },

  keychainService: async ({}, use) => {
    const service = `Event Desk e2e ${randomUUID()}`;
    await use(service);
    await new KeytarSecretStore(service).delete('profile:default');
  },

  app: async ({ page, mock, userDataDir, keychainService, apiBaseUrl, storedKey, mainEnv, keychain, exportPath, corruptHistory, renderer }, use, testInfo) => {
    if (corruptHistory) writeFileSync(join(userDataDir, 'history.sqlite'), 'not a database '.repeat(500));
    const savePath = exportPath === undefined ? testInfo.outputPath('export.json') : exportPath;
    const baseUrl = apiBaseUrl ?? mock.url;
    const key = storedKey === undefined ? mock.apiKey : storedKey;
    if (key !== null && keychain === 'available') await new KeytarSecretStore(keychainService).set('profile:default', key);
    testInfo.annotations.push({ type: 'mode', description: E2E_MODE });
    const binary = electronBinary();
    if (binary) {
      const electronApp = await _electron.launch({
        executablePath: binary,
        args: [join(process.cwd(), 'out', 'main', 'index.js')],
        env: {
          ...process.env,
          ...mainEnv,
          HELPCRUNCH_API_URL: baseUrl,
          EVENT_DESK_USER_DATA: userDataDir,
          EVENT_DESK_KEYCHAIN_SERVICE: keychainService,
          ...(keychain === 'unavailable' ? { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } : {}),
        } as Record<string, string>,
      });
      // The native save dialog cannot be clicked by Playwright: answer it from the main process.
      await electronApp.evaluate(({ dialog }, path) => {
        dialog.showSaveDialog = (async () => ({ canceled: path === null, filePath: path ?? '' })) as typeof dialog.showSaveDialog;
      }, savePath);
      readClipboard = () => electronApp.evaluate(({ clipboard }) => clipboard.readText());
      const window = await electronApp.firstWindow();
      await window.waitForSelector('body[data-app-ready="true"]');
      await use(window);
      await electronApp.close();
      return;
    }
    const services = await bridgeApi(page, { userDataDir, apiBaseUrl: baseUrl, keychainService, rendererUrl: renderer.url, env: mainEnv, keychain, exportPath: savePath });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: renderer.url });
    readClipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await page.goto(renderer.url);
    await page.waitForSelector('body[data-app-ready="true"]');
    await use(page);
    await page.close();
    services.close();
  },

  appPage: async ({ app }, use) => {
    await use(new AppPage(app));
  },

  clipboardText: async ({ app }, use) => {
    void app;
    await use(() => readClipboard!());
  },
});

export { expect };
