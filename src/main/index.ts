import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveLocale } from '../shared/i18n/locale.ts';
import { exportDialog, keyOriginBox, originChangeBox, productionBox, quitBox, replayDialog, startupErrorBox, workspaceDialog } from './electron/dialog-options.ts';
import { readFileSync } from 'node:fs';
import { appMenu } from './electron/app-menu.ts';
import { OpenedFiles, replayFileFromArgv } from './electron/opened-files.ts';
import { isTrustedSender } from './electron/trusted-sender.ts';
import { loadUpdater } from './electron/updater.ts';
import { createMainWindow } from './electron/window.ts';
import { APP_NAME, defaultUserDataDir, installKind, KeytarSecretStore, releasesUrl } from './core/index.ts';
import { registerHandlers } from './ipc/dispatch.ts';
import { currentWords, mainWords } from './language/main-words.ts';
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

// A file handed to the app (a double click on a .ndjson): Windows and Linux put it on the command line,
// macOS sends 'open-file', possibly before the app is ready. Main keeps the path; the window offers it.
let announceFile: (name: string) => void = () => {};
const openedFile = new OpenedFiles((name) => announceFile(name));
openedFile.offer(replayFileFromArgv(process.argv, process.cwd()));
app.on('open-file', (event, path) => {
  event.preventDefault();
  openedFile.offer(path);
});

/** The release page of the feed electron-builder packed (app-update.yml), for a .deb/.rpm's notice. */
function releasePage(): string | null {
  try {
    return releasesUrl(readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Says why Event Desk cannot start in a native box, then exits: never an invisible stuck process. The
 * Settings choice lives in the database that may be what failed, so the box follows EVENT_DESK_LANG and
 * the system's language only.
 */
function failStartup(error: unknown): void {
  const { title, content } = startupErrorBox(mainWords(resolveLocale(app.getLocale(), process.env.EVENT_DESK_LANG)), error);
  dialog.showErrorBox(title, content);
  app.releaseSingleInstanceLock();
  app.exit(1);
}

app.whenReady().then(() => {
  let window: BrowserWindow | undefined;
  let services: Services;
  // The window's language at the moment each dialog opens: a switch in Settings applies to the next one.
  const say = currentWords({ view: () => services.core.language.view() });
  // The menu in the window's language, built again when the person chooses another one in Settings.
  const setMenu = () => Menu.setApplicationMenu(Menu.buildFromTemplate(appMenu(say, process.platform, !app.isPackaged)));
  try {
    services = createServices({
      userDataDir: app.getPath('userData'),
      host: 'app',
      env: process.env,
      systemLocale: () => app.getLocale(),
      // Tests give each run its own keychain service name so parallel runs never share a key.
      secretStore: new KeytarSecretStore(process.env.EVENT_DESK_KEYCHAIN_SERVICE),
      emit: (push, payload) => window?.webContents.send(push, payload),
      openedFile,
      languageChanged: () => setMenu(),
      updates: {
        kind: installKind({ platform: process.platform, packaged: app.isPackaged, env: process.env, resourcesPath: process.resourcesPath }),
        current: app.getVersion(),
        updater: loadUpdater,
        releasesUrl: releasePage(),
      },
      chooseSavePath: async (suggestedName) => {
        const options = exportDialog(say, app.getPath('documents'), suggestedName);
        const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      chooseOpenPath: async () => {
        const options = replayDialog(say);
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
      },
      // "Open workspace folder…": the path comes from this dialog, never from the window.
      chooseWorkspaceDir: async () => {
        const options = workspaceDialog(say);
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
      },
      // Main's own dialog, never the renderer's: the only way a saved key goes to a new origin.
      confirmKeyOrigin: async (request) => {
        const options = keyOriginBox(say, request);
        const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        return answer.response === 1;
      },
      // A production account's key goes to this launch's HELPCRUNCH_API_URL only after a yes here (asked once).
      confirmProductionOverride: async (request) => {
        const options = productionBox(say, request);
        const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        return answer.response === 1;
      },
      // Outbox items and jobs made for one address go to another only after a yes here.
      confirmOriginChange: async (request) => {
        const options = originChangeBox(say, request);
        const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        return answer.response === 1;
      },
    });
  } catch (error) {
    failStartup(error);
    return;
  }
  setMenu();
  const page = new URL(rendererDevUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href);
  registerHandlers(ipcMain, services.handlers, (event) => isTrustedSender(event, page));
  // The release page a .deb/.rpm's update notice links to may open in the browser, and nothing else new.
  const externalPages = () => [services.core.updates.view().downloadUrl].filter((address): address is string => address !== null);
  window = createMainWindow({ rendererUrl: rendererDevUrl, mainDir: here, devTools: !app.isPackaged, language: services.core.language.view().locale, externalPages });
  announceFile = (name) => window?.webContents.send('app:fileOpened', { name });
  // One check a launch, once the window shows; nothing is contacted when checks are off (src/main/updates).
  window.once('ready-to-show', () => void services.core.updates.check());
  app.on('second-instance', (_event, argv, cwd) => {
    openedFile.offer(replayFileFromArgv(argv, cwd));
    window?.focus();
  });
  // Quitting with a replay job running asks first, then pauses it cleanly (in-flight items finish).
  let quitting = false;
  app.on('before-quit', (event) => {
    const running = services.core.runningJobs();
    if (quitting || running.length === 0) return;
    event.preventDefault();
    const answer = dialog.showMessageBoxSync(quitBox(say, running.length));
    if (answer !== 1) return;
    quitting = true;
    void services.core.shutdown().finally(() => app.quit());
  });
  app.on('will-quit', () => {
    if (!quitting) services.close();
  });
  app.on('window-all-closed', () => app.quit());
}, failStartup);
