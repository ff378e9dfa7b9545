import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How this copy of the app was installed: it decides whether it may replace itself. */
export type InstallKind = 'appimage' | 'nsis' | 'dmg' | 'deb' | 'rpm' | 'linux-other' | 'unpackaged';

export interface InstallFacts {
  platform: NodeJS.Platform;
  /** app.isPackaged: a development run or the test bridge never updates itself. */
  packaged: boolean;
  /** The environment: an AppImage's runtime sets APPIMAGE to the image's own path. */
  env: Record<string, string | undefined>;
  /** process.resourcesPath: electron-builder writes `package-type` (deb, rpm) there for system packages. */
  resourcesPath: string;
}

/**
 * Tells the installer apart the way electron-updater itself does (APPIMAGE, then the `package-type`
 * file electron-builder leaves in a .deb/.rpm's resources), so the policy and the updater agree.
 */
export function installKind(facts: InstallFacts, readText: (path: string) => string = (path) => readFileSync(path, 'utf8')): InstallKind {
  if (!facts.packaged) return 'unpackaged';
  if (facts.platform === 'win32') return 'nsis';
  if (facts.platform === 'darwin') return 'dmg';
  if (facts.platform !== 'linux') return 'linux-other';
  if (facts.env.APPIMAGE) return 'appimage';
  let type = '';
  try {
    type = readText(join(facts.resourcesPath, 'package-type')).trim().slice(0, 16);
  } catch {
    // No marker: a tarball or a hand-made package, which has no updater of its own either.
  }
  return type === 'deb' ? 'deb' : type === 'rpm' ? 'rpm' : 'linux-other';
}
