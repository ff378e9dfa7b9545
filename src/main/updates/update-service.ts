import type { UpdateStatus } from '../../shared/updates.ts';
import type { InstallKind } from './install-kind.ts';
import { updateMode } from './update-policy.ts';

/** The part of electron-updater's AppUpdater the app uses; tests pass a fake with the same shape. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

/** App-wide state (app_state): the switch is the person's, not an account's. */
export interface UpdateStore {
  state(key: string): string | null;
  setState(key: string, value: string): void;
}

export interface UpdateServiceDeps {
  kind: InstallKind;
  current: string;
  store: UpdateStore;
  /** Made on first use, so a launch with checks off never loads the updater at all. */
  updater: () => Promise<Updater>;
  /** The release page a .deb/.rpm user is sent to (https), or null when the build has no feed. */
  releasesUrl: string | null;
  /** Pauses running jobs (in-flight items finish) and closes the database before the app is replaced. */
  shutdown: () => Promise<void>;
  /** Tells the window the status changed. */
  emit: (status: UpdateStatus) => void;
}

const KEY = 'update_checks';

/**
 * Finds, fetches and installs new versions by the policy of update-policy.ts. Data is never at stake:
 * history lives in the user-data folder, not in the app's files, an install waits until running
 * jobs are paused and the database is closed, and the new version copies the database before it
 * upgrades it (src/main/storage/migration-backup.ts).
 */
export class UpdateService {
  readonly #deps: UpdateServiceDeps;
  #state: UpdateStatus['state'] = 'idle';
  #available: string | null = null;
  #problem: string | null = null;
  #checking: Promise<UpdateStatus> | null = null;
  #installing = false;
  /** The updater once loaded: switching checks off must reach a download it already holds. */
  #loaded: Updater | null = null;

  constructor(deps: UpdateServiceDeps) {
    this.#deps = deps;
  }

  view(): UpdateStatus {
    const checksEnabled = this.#deps.store.state(KEY) !== 'off';
    const mode = updateMode(this.#deps.kind, checksEnabled);
    return {
      mode,
      checksEnabled,
      state: this.#state,
      current: this.#deps.current,
      available: this.#available,
      downloadUrl: mode === 'notify' && this.#available !== null ? this.#deps.releasesUrl : null,
      problem: this.#problem,
    };
  }

  setChecksEnabled(enabled: boolean): UpdateStatus {
    this.#deps.store.setState(KEY, enabled ? 'on' : 'off');
    if (!enabled) {
      // Off means off: a version already downloaded is not installed on quit either.
      if (this.#loaded) this.#loaded.autoInstallOnAppQuit = false;
      if (this.#state !== 'idle') this.#state = 'idle';
      this.#available = null;
    }
    return this.#changed();
  }

  /** One check (and, where the app replaces itself, the download). Never contacts anything when off. */
  check(): Promise<UpdateStatus> {
    const { mode } = this.view();
    if (mode === 'off' || mode === 'unavailable') return Promise.resolve(this.view());
    this.#checking ??= this.#check(mode).finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  async #check(mode: 'self-update' | 'notify'): Promise<UpdateStatus> {
    this.#state = 'checking';
    this.#problem = null;
    this.#changed();
    try {
      const updater = await this.#deps.updater();
      this.#loaded = updater;
      // The download is started here, by the policy, never by the updater on its own.
      updater.autoDownload = false;
      updater.autoInstallOnAppQuit = mode === 'self-update';
      const result = await updater.checkForUpdates();
      if (!result?.isUpdateAvailable) {
        this.#state = 'up-to-date';
        this.#available = null;
        return this.#changed();
      }
      // Switched off while the feed was read: nothing more is done or shown.
      if (this.view().mode !== mode) return this.#changed();
      this.#available = String(result.updateInfo.version).slice(0, 64);
      if (mode === 'notify') {
        this.#state = 'available';
        return this.#changed();
      }
      this.#state = 'downloading';
      this.#changed();
      await updater.downloadUpdate();
      if (this.view().mode !== mode) {
        this.#state = 'idle';
        return this.#changed();
      }
      this.#state = 'ready';
    } catch (error) {
      this.#state = 'failed';
      // The cause as the updater said it (shown verbatim, like HelpCrunch's own text); the window words the rest.
      this.#problem = String((error as Error)?.message ?? error).slice(0, 500);
    }
    return this.#changed();
  }

  /**
   * Restarts into the downloaded version, only after running jobs are paused (their in-flight items
   * finish) and the database is closed. A composer or outbox send still in flight at that moment is
   * not awaited: its row stays "sending" and reads "Outcome unknown" at the next start (never resent
   * on its own) — safe, but its known answer is lost; waiting for interactive sends is left to do.
   */
  async install(): Promise<UpdateStatus> {
    const status = this.view();
    if (this.#installing || this.#state !== 'ready' || status.mode !== 'self-update') return status;
    this.#installing = true;
    const updater = await this.#deps.updater();
    // From here the database is closed: the status is the one read before, and the app quits.
    await this.#deps.shutdown();
    updater.quitAndInstall(false, true);
    return status;
  }

  #changed(): UpdateStatus {
    const status = this.view();
    this.#deps.emit(status);
    return status;
  }
}
