import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { secureWebPreferences } from './window-options.ts';

/**
 * The app window, locked down: isolated, sandboxed, no Node, no navigation, no permissions. The
 * Content-Security-Policy is a meta tag in index.html, so it also holds for file:// and in e2e.
 */
export function createMainWindow(rendererUrl: string | undefined, dirname: string): BrowserWindow {
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
    webPreferences: secureWebPreferences(join(dirname, '../preload/index.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to HelpCrunch's docs open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadFile(join(dirname, '../renderer/index.html'));
  return window;
}
