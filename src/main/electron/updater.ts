import type { Updater } from '../updates/update-service.ts';

/**
 * electron-updater's updater for this installer (it picks NSIS, DMG, AppImage, deb or rpm itself),
 * loaded on first use: a launch with update checks off never loads it. Electron-only.
 */
export async function loadUpdater(): Promise<Updater> {
  const { autoUpdater } = await import('electron-updater');
  // Its own log lines would go to stdout unasked; the status reaches the person through Settings.
  autoUpdater.logger = null;
  return autoUpdater;
}
