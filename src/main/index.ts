import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { registerHandlers } from './ipc/dispatch.ts';
import { KeytarSecretStore } from './secrets/keytar-store.ts';
import { createServices } from './services.ts';
import { createMainWindow } from './window.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDevUrl = process.env.ELECTRON_RENDERER_URL;

// Tests launch with a fresh folder; people get the platform's default user-data folder.
if (process.env.EVENT_DESK_USER_DATA) app.setPath('userData', process.env.EVENT_DESK_USER_DATA);

// A second instance would open the same history database: hand over to the first and leave at once.
if (!app.requestSingleInstanceLock()) app.exit(0);

/** Only our own page may call main: its origin is the dev server or our packaged index.html. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  if (rendererDevUrl) return url.startsWith(rendererDevUrl);
  return url.startsWith(pathToFileURL(`${here}/../renderer/`).href);
}

app.whenReady().then(() => {
  let window: BrowserWindow | undefined;
  const services = createServices({
    userDataDir: app.getPath('userData'),
    env: process.env,
    // Tests give each run its own keychain service name so parallel runs never share a key.
    secretStore: new KeytarSecretStore(process.env.EVENT_DESK_KEYCHAIN_SERVICE),
    emit: (push, payload) => window?.webContents.send(push, payload),
    chooseSavePath: async (suggestedName) => {
      const options = {
        title: 'Export history',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: suggestedName.endsWith('.ndjson') ? 'NDJSON' : 'JSON', extensions: [suggestedName.split('.').pop() ?? 'json'] }],
      };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  });
  registerHandlers(ipcMain, services.handlers, isTrustedSender);
  window = createMainWindow(rendererDevUrl, here);
  app.on('second-instance', () => window?.focus());
  app.on('will-quit', () => services.close());
  app.on('window-all-closed', () => app.quit());
});
