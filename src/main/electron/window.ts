import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import type { Locale } from '../../shared/i18n/locale.ts';
import { isAllowedExternalUrl } from './external-links.ts';
import { withLanguage } from './page-address.ts';

export interface WindowOptions {
  /** The dev server's URL (electron-vite dev, never in a packaged app); otherwise the built index.html. */
  rendererUrl: string | undefined;
  /** The folder of the built main script (out/main). */
  mainDir: string;
  /** DevTools only in development. */
  devTools: boolean;
  /** The launch's language: the page's static shell paints in it before any script runs (`?lang=`). */
  language: Locale;
  /** Whole addresses that may open in the browser besides HelpCrunch's pages (the update feed's release page). */
  externalPages?: () => readonly string[];
}

/**
 * The app window, locked down: isolated, sandboxed, no Node, no navigation, no permissions, no new
 * windows. The Content-Security-Policy is a meta tag in index.html, so it also holds for file://
 * and in e2e. The preferences are written here literally so security scanners can read them.
 */
export function createMainWindow({ rendererUrl, mainDir, devTools, language, externalPages = () => [] }: WindowOptions): BrowserWindow {
  // Everything is refused but writing to the clipboard ("Copy as curl").
  const allowed = new Set(['clipboard-sanitized-write']);
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowed.has(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowed.has(permission));

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Event Desk',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(mainDir, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // A middle click would otherwise open a link in a new window, around setWindowOpenHandler's checks.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // No window ever opens inside the app; HelpCrunch's own pages open in the user's browser.
    if (isAllowedExternalUrl(url, externalPages())) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (rendererUrl) void window.loadURL(withLanguage(rendererUrl, language));
  else void window.loadFile(join(mainDir, '../renderer/index.html'), { query: { lang: language } });
  return window;
}
