import { homedir } from 'node:os';
import { join } from 'node:path';

/** The app's name as the OS shows it, and the name of its user-data folder: read from here by every host. */
export const APP_NAME = 'Event Desk';

/**
 * The desktop app's user-data folder for this OS, where Electron puts it for APP_NAME
 * (app.getPath('userData')): the CLI uses the same folder, so both share history, settings and the
 * rate budget. EVENT_DESK_USER_DATA overrides it (hosts read the environment, then call this).
 */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: Record<string, string | undefined> = process.env, home = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}
