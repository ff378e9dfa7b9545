import type { UpdateMode } from '../../shared/updates.ts';
import type { InstallKind } from './install-kind.ts';

/**
 * What the app does about new versions. It replaces itself only where the installer is its own and
 * needs no administrator (AppImage, per-user NSIS, a .dmg's app bundle). A .deb or .rpm belongs to the
 * system's package manager: replacing it would need root and fight the manager (the failure people
 * report of other apps' updaters), so there the app only says a version exists and links to it.
 * Nothing is asked of the network when checks are off or this is not an installed app.
 */
export function updateMode(kind: InstallKind, checksEnabled: boolean): UpdateMode {
  if (kind === 'unpackaged') return 'unavailable';
  if (!checksEnabled) return 'off';
  return kind === 'appimage' || kind === 'nsis' || kind === 'dmg' ? 'self-update' : 'notify';
}
