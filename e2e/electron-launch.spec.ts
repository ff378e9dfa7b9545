import { _electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from './support/electron-binary.ts';

const binary = electronBinary();

// These check what only a real Electron can show: the window's security settings and the preload.
test.describe('the Electron app itself', () => {
  test.skip(!binary, 'Electron binary not installed (node_modules/electron/dist is missing; it cannot be downloaded on this machine). Run "npx install-electron" where there is internet.');

  test('opens one locked-down window whose page has window.api and no Node', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'event-desk-electron-'));
    const app = await _electron.launch({
      executablePath: binary!,
      args: [join(process.cwd(), 'out', 'main', 'index.js')],
      env: { ...process.env, EVENT_DESK_USER_DATA: userData, EVENT_DESK_KEYCHAIN_SERVICE: 'Event Desk e2e launch' } as Record<string, string>,
    });
    try {
      const appWindow = await app.firstWindow();
      await appWindow.waitForSelector('body[data-app-ready="true"]');
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      // Electron has no getter for webPreferences (test/main/window-options.test.ts checks them);
      // here the page itself shows the effect: no Node, only the contract's window.api.
      const page = await appWindow.evaluate(() => ({ api: Object.keys(window.api).toSorted(), require: typeof (globalThis as { require?: unknown }).require, process: typeof (globalThis as { process?: unknown }).process }));
      expect(page).toEqual({ api: ['app', 'customers', 'events', 'history', 'jobs', 'key', 'on', 'settings'], require: 'undefined', process: 'undefined' });
      await appWindow.evaluate(() => window.location.assign('https://example.com'));
      await expect(appWindow).toHaveURL(/renderer\/index\.html$/);
      await expect(appWindow.getByRole('heading', { name: 'Event Desk' })).toBeVisible();
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
