import { _electron, test as base, expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withLanguage } from '../src/main/electron/page-address.ts';
import { KeytarSecretStore } from '../src/main/secrets/keytar-store.ts';
import { startMockServer, type MockServer } from '../tools/mock-api/server.ts';
import { AppPage } from './pages/app-page.ts';
import { bridgeApi } from './support/bridge.ts';
import { E2E_MODE, electronBinary } from './support/electron-binary.ts';
import { findKeyLeaks } from './support/key-leaks.ts';
import { pageTextWithoutPasswords, screenshotTexts } from './support/screenshot.ts';
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
  /** What main's own "send the key to a new address?" dialog answers. */
  confirmKeyOrigin: boolean;
  /** 'env' launches with HELPCRUNCH_API_URL; 'settings' saves the URL in settings.json and binds the stored key to it. */
  baseUrlFrom: 'env' | 'settings';
  /** What the "replay a file" open dialog answers: a path, or null (cancelled). */
  replayFile: string | null;
  /** What the "Open workspace folder…" dialog answers: a folder, or null (cancelled). */
  workspaceFolder: string | null;
  /** A file on the launch's command line (what a double click on a .ndjson does). */
  launchFile: string | null;
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
  confirmKeyOrigin: [false, { option: true }],
  baseUrlFrom: ['env', { option: true }],
  replayFile: [null, { option: true }],
  launchFile: [null, { option: true }],
  workspaceFolder: [null, { option: true }],

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

  app: async ({ page, mock, userDataDir, keychainService, apiBaseUrl, storedKey, mainEnv, keychain, exportPath, corruptHistory, confirmKeyOrigin, baseUrlFrom, replayFile, launchFile, workspaceFolder, renderer }, use, testInfo) => {
    // After the test: the keys it used must appear nowhere the app wrote or showed.
    const secrets = [mock.apiKey, ...(storedKey ? [storedKey] : [])];
    const scanForKeys = async (window: Page) => {
      const pageText = await window.evaluate(pageTextWithoutPasswords).catch(() => '');
      const hits = findKeyLeaks(secrets, [userDataDir, testInfo.outputDir], { 'the page at the end of the test': pageText, ...screenshotTexts });
      for (const name of Object.keys(screenshotTexts)) delete screenshotTexts[name];
      expect(hits, 'key-leak scan: the API key must never be written or shown').toEqual([]);
    };
    if (corruptHistory) writeFileSync(join(userDataDir, 'history.sqlite'), 'not a database '.repeat(500));
    const savePath = exportPath === undefined ? testInfo.outputPath('export.json') : exportPath;
    const baseUrl = apiBaseUrl ?? mock.url;
    const key = storedKey === undefined ? mock.apiKey : storedKey;
    if (baseUrlFrom === 'settings') writeFileSync(join(userDataDir, 'settings.json'), JSON.stringify({ baseUrl }));
    // With the URL from settings, the key is stored as the app stores it: bound to that URL's origin.
    const secret = key !== null && baseUrlFrom === 'settings' ? JSON.stringify({ v: 1, key, origin: new URL(baseUrl).origin }) : key;
    if (secret !== null && keychain === 'available') await new KeytarSecretStore(keychainService).set('profile:default', secret);
    const launchEnv = baseUrlFrom === 'env' ? { HELPCRUNCH_API_URL: baseUrl } : {};
    testInfo.annotations.push({ type: 'mode', description: E2E_MODE });
    const binary = electronBinary();
    if (binary) {
      const electronApp = await _electron.launch({
        executablePath: binary,
        args: [join(process.cwd(), 'out', 'main', 'index.js'), ...(launchFile ? [launchFile] : [])],
        env: {
          ...process.env,
          ...mainEnv,
          ...launchEnv,
          EVENT_DESK_USER_DATA: userDataDir,
          EVENT_DESK_KEYCHAIN_SERVICE: keychainService,
          ...(keychain === 'unavailable' ? { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } : {}),
        } as Record<string, string>,
      });
      // The native save dialog cannot be clicked by Playwright: answer it from the main process.
      await electronApp.evaluate(({ dialog }, path) => {
        dialog.showSaveDialog = (async () => ({ canceled: path === null, filePath: path ?? '' })) as typeof dialog.showSaveDialog;
      }, savePath);
      // Main's own "send the key to a new address?" box: answered as the test says.
      await electronApp.evaluate(({ dialog }, yes) => {
        dialog.showMessageBox = (async () => ({ response: yes ? 1 : 0, checkboxChecked: false })) as unknown as typeof dialog.showMessageBox;
      }, confirmKeyOrigin);
      // The open dialog: a folder for "Open workspace folder…" (openDirectory), a file for a replay.
      await electronApp.evaluate(({ dialog }, [file, folder]) => {
        dialog.showOpenDialog = (async (...args: unknown[]) => {
          const options = args.at(-1) as { properties?: string[] } | undefined;
          const path = options?.properties?.includes('openDirectory') ? folder : file;
          return { canceled: path === null, filePaths: path === null ? [] : [path] };
        }) as unknown as typeof dialog.showOpenDialog;
      }, [replayFile, workspaceFolder] as const);
      readClipboard = () => electronApp.evaluate(({ clipboard }) => clipboard.readText());
      const window = await electronApp.firstWindow();
      await window.waitForSelector('body[data-app-ready="true"]');
      await editorLoaded(window);
      await use(window);
      await scanForKeys(window);
      await electronApp.close();
      return;
    }
    const services = await bridgeApi(page, { userDataDir, apiBaseUrl: baseUrlFrom === 'env' ? baseUrl : undefined, keychainService, rendererUrl: renderer.url, env: mainEnv, keychain, exportPath: savePath, confirmKeyOrigin, openPath: () => replayFile, workspacePath: () => workspaceFolder, launchArgv: launchFile ? [launchFile] : [] });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: renderer.url });
    readClipboard = () => page.evaluate(() => navigator.clipboard.readText());
    // As main's window does: the launch's language in the address, so the static shell paints in it.
    await page.goto(withLanguage(renderer.url, services.core.language.view().locale));
    await page.waitForSelector('body[data-app-ready="true"]');
    await editorLoaded(page);
    await use(page);
    services.close();
    await scanForKeys(page);
    await page.close();
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

/**
 * Monaco loads after the first paint (a long task of a few hundred milliseconds on a loaded machine).
 * Tests start once it has, so that task never lands in the middle of their typing (where it would
 * split a burst of keystrokes into two debounced searches). A view without the data editor has nothing to wait for.
 */
async function editorLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="data-editor"]') === null || document.body.dataset.editorReady === 'true');
}
