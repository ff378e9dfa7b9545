import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isTrustedSender } from './electron/trusted-sender.ts';
import { createMainWindow } from './electron/window.ts';
import { APP_NAME, defaultUserDataDir, describeStartupFailure, KeytarSecretStore } from './core/index.ts';
import { registerHandlers } from './ipc/dispatch.ts';
import { createServices, type Services } from './services.ts';

// The Electron host: reads the environment, builds the core's services, serves them over IPC to one
// locked-down window. Everything else lives in the core, which the CLI and tests share.
const here = dirname(fileURLToPath(import.meta.url));
// The dev server's URL is honoured only in development: a packaged app always loads its own files.
const rendererDevUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

// The same folder the CLI uses (one function decides it); tests launch with a fresh one.
app.setName(APP_NAME);
app.setPath('userData', process.env.EVENT_DESK_USER_DATA || defaultUserDataDir());

// A second instance would open the same history database: hand over to the first and leave at once.
if (!app.requestSingleInstanceLock()) app.exit(0);

/** Says why Event Desk cannot start in a native box, then exits: never an invisible stuck process. */
function failStartup(error: unknown): void {
  const { message, hint } = describeStartupFailure(error);
  dialog.showErrorBox('Event Desk cannot start', `${message}\n\n${hint}`);
  app.releaseSingleInstanceLock();
  app.exit(1);
}

app.whenReady().then(() => {
  let window: BrowserWindow | undefined;
  let services: Services;
  try {
    services = createServices({
      userDataDir: app.getPath('userData'),
      host: 'app',
      env: process.env,
      systemLocale: () => app.getLocale(),
      // Tests give each run its own keychain service name so parallel runs never share a key.
      secretStore: new KeytarSecretStore(process.env.EVENT_DESK_KEYCHAIN_SERVICE),
      emit: (push, payload) => window?.webContents.send(push, payload),
      chooseSavePath: async (suggestedName) => {
        const options = {
          title: 'Export history',
          defaultPath: join(app.getPath('documents'), suggestedName),
          filters: [{ name: ({ ndjson: 'NDJSON', csv: 'CSV' } as Record<string, string>)[suggestedName.split('.').pop() ?? ''] ?? 'JSON', extensions: [suggestedName.split('.').pop() ?? 'json'] }],
        };
        const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      chooseOpenPath: async () => {
        const options = {
          title: 'Replay events from a file',
          properties: ['openFile' as const],
          filters: [
            { name: 'Events (NDJSON, JSON, CSV)', extensions: ['ndjson', 'jsonl', 'json', 'csv'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
      },
      // Main's own dialog, never the renderer's: the only way a saved key goes to a new origin.
      confirmKeyOrigin: async ({ keyOrigin, newOrigin, last4 }) => {
        const options = {
          type: 'warning' as const,
          title: 'Send the API key to a new address?',
          message: `Send the API key ending in ${last4 ?? '????'} to ${newOrigin}?`,
          detail: `The key was saved for ${keyOrigin}. Whoever runs ${newOrigin} could use it to write into every customer profile of your HelpCrunch account. Choose "Keep it" unless you set this address up yourself; you can also enter the key again in Settings.`,
          buttons: ['Keep it for ' + keyOrigin, 'Send it to ' + newOrigin],
          defaultId: 0,
          cancelId: 0,
          noLink: true,
        };
        const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        return answer.response === 1;
      },
      // A production account's key goes to this launch's HELPCRUNCH_API_URL only after a yes here (asked once).
      confirmProductionOverride: async ({ account, origin, own }) => {
        const options = {
          type: 'warning' as const,
          title: 'Send a production key to another address?',
          message: `Send the production account "${account}"'s API key to ${origin}?`,
          detail: `HELPCRUNCH_API_URL points this launch at ${origin}; "${account}" is a production account whose own address is ${own}. Choose "Don't send" unless you set ${origin} up yourself for this account.`,
          buttons: ["Don't send", `Send it to ${origin}`],
          defaultId: 0,
          cancelId: 0,
          noLink: true,
        };
        const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        return answer.response === 1;
      },
      // Outbox items and jobs made for one address go to another only after a yes here.
      confirmOriginChange: async ({ account, madeFor, now, what }) => {
        const options = {
          type: 'question' as const,
          title: 'Send it to the new address?',
          message: `${what} of "${account}" was made for ${madeFor}; the account now points at ${now}. Send it there?`,
          detail: `Choose "Keep waiting" to leave it until the account points at ${madeFor} again.`,
          buttons: ['Keep waiting', `Send to ${now}`],
          defaultId: 0,
          cancelId: 0,
          noLink: true,
        };
        const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        return answer.response === 1;
      },
    });
  } catch (error) {
    failStartup(error);
    return;
  }
  const page = new URL(rendererDevUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href);
  registerHandlers(ipcMain, services.handlers, (event) => isTrustedSender(event, page));
  window = createMainWindow({ rendererUrl: rendererDevUrl, mainDir: here, devTools: !app.isPackaged });
  app.on('second-instance', () => window?.focus());
  // Quitting with a replay job running asks first, then pauses it cleanly (in-flight items finish).
  let quitting = false;
  app.on('before-quit', (event) => {
    const running = services.core.runningJobs();
    if (quitting || running.length === 0) return;
    event.preventDefault();
    const answer = dialog.showMessageBoxSync({
      type: 'question',
      title: 'A replay job is running',
      message: `${running.length === 1 ? 'A replay job is' : `${running.length} replay jobs are`} still sending. Quit and pause ${running.length === 1 ? 'it' : 'them'}?`,
      detail: 'Events in flight finish first. You can resume from the Jobs view (or event-desk jobs resume) later; nothing is sent twice.',
      buttons: ['Keep running', 'Pause and quit'],
      defaultId: 0,
      cancelId: 0,
    });
    if (answer !== 1) return;
    quitting = true;
    void services.core.shutdown().finally(() => app.quit());
  });
  app.on('will-quit', () => {
    if (!quitting) services.close();
  });
  app.on('window-all-closed', () => app.quit());
}, failStartup);
