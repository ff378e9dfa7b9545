import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Failure } from '../failure.ts';
import type { WorkspaceView } from '../../shared/workspace.ts';
import { defaultWorkspaceDir, type PlanParts } from './plan-service.ts';

/** The app-wide state the choice is kept in (app_state, as the language: the folder is not an account's). */
export interface WorkspaceStore {
  state(key: string): string | null;
  setState(key: string, value: string): void;
}

const KEY = 'workspace_dir';
/** A path longer than any file system takes is not a folder someone chose. */
const PATH_MAX = 4096;

/** Why a folder cannot be the workspace (the Failure's reason, worded by the window). */
export type FolderProblem = 'missing' | 'not_folder' | 'unreadable' | 'app_data';

/** Where the workspace folder comes from: the launch's --workspace/EVENT_DESK_WORKSPACE, the person's choice, or the default. */
export type WorkspaceSource = 'launch' | 'chosen' | 'default';

/**
 * Why `dir` cannot be used as the workspace, or null when it can: it must exist, be a folder (a
 * symbolic link to one is fine: the person chose it), be readable and listable, and not be the app's
 * own data folder or inside it (history, backups), except the default workspace itself.
 */
export function folderProblem(dir: string, userDataDir: string): FolderProblem | null {
  if (dir.length === 0 || dir.length > PATH_MAX || !isAbsolute(dir)) return 'missing';
  let real: string;
  try {
    if (!statSync(dir).isDirectory()) return 'not_folder';
    real = realpathSync(dir);
  } catch {
    return 'missing';
  }
  try {
    accessSync(real, constants.R_OK | constants.X_OK);
  } catch {
    return 'unreadable';
  }
  const data = realOr(userDataDir);
  const fallback = realOr(defaultWorkspaceDir(userDataDir));
  if (!inside(real, fallback) && inside(real, data)) return 'app_data';
  return null;
}

function realOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** `path` is `folder` or somewhere below it. */
function inside(path: string, folder: string): boolean {
  const way = relative(folder, path);
  return way === '' || (!way.startsWith('..') && !isAbsolute(way));
}

/** Why a folder cannot be the workspace, in words that follow its path ("/x does not exist"). */
export const FOLDER_WORDS: Record<FolderProblem, string> = {
  missing: 'does not exist',
  not_folder: 'is not a folder',
  unreadable: 'cannot be read',
  app_data: 'is Event Desk\'s own data folder (history, backups), which is never a workspace',
};

/** The words of a refused folder, thrown to the window (code workspace_refused, its reason and the path). */
export function folderFailure(dir: string, problem: FolderProblem): Failure {
  return new Failure('workspace_refused', `The workspace folder ${dir} ${FOLDER_WORDS[problem]}.`, { reason: problem, params: { dir: dir.slice(0, PATH_MAX) }, hint: 'Choose another folder.' });
}

/**
 * The person's workspace folder, kept app-wide. Read once at start-up (a folder gone since falls back
 * to the default, with a notice) and written when "Open workspace folder…" or "Use the default folder"
 * is chosen. Only paths main's own dialog returned are ever stored.
 */
export class WorkspaceSetting {
  readonly #store: WorkspaceStore;
  readonly #userDataDir: string;

  constructor(store: WorkspaceStore, userDataDir: string) {
    this.#store = store;
    this.#userDataDir = userDataDir;
  }

  /** The stored choice (null: the default). */
  stored(): string | null {
    const value = this.#store.state(KEY);
    return value === null || value === '' ? null : value;
  }

  /** Keeps the choice (null: the default again). */
  store(dir: string | null): void {
    this.#store.setState(KEY, dir ?? '');
  }

  /**
   * The folder to start with: the launch's own (it wins for this run), else the stored one when it is still
   * a usable folder, else the default. `gone` is the stored folder that could not be used (the caller says so).
   */
  startFolder(launch: string | undefined): { dir: string; source: WorkspaceSource; gone: { dir: string; problem: FolderProblem } | null } {
    if (launch !== undefined) return { dir: launch, source: 'launch', gone: null };
    const stored = this.stored();
    const fallback = defaultWorkspaceDir(this.#userDataDir);
    if (stored === null) return { dir: fallback, source: 'default', gone: null };
    const problem = folderProblem(stored, this.#userDataDir);
    if (problem !== null) return { dir: fallback, source: 'default', gone: { dir: stored, problem } };
    return { dir: stored, source: 'chosen', gone: null };
  }
}

export interface WorkspaceFoldersDeps {
  setting: WorkspaceSetting;
  plan: Pick<PlanParts, 'workspace' | 'switchTo'>;
  userDataDir: string;
  /** Main's own folder dialog (the app's); null when cancelled. Hosts without one never switch. */
  chooseFolder: () => Promise<string | null>;
  /** Where the folder in use at start-up came from. */
  source: WorkspaceSource;
}

/**
 * "Open workspace folder…" and "Use the default folder": the folder comes from main's dialog, is
 * checked, kept as the app-wide choice and switched to without a restart. The window names no path.
 */
export class WorkspaceFolders {
  readonly #deps: WorkspaceFoldersDeps;
  #source: WorkspaceSource;

  constructor(deps: WorkspaceFoldersDeps) {
    this.#deps = deps;
    this.#source = deps.source;
  }

  view(): WorkspaceView {
    return { dir: this.#deps.plan.workspace.dir, source: this.#source };
  }

  /** Asks for a folder; null when the person cancelled. Throws workspace_refused for a folder that cannot be one. */
  async choose(): Promise<WorkspaceView | null> {
    const chosen = await this.#deps.chooseFolder();
    if (chosen === null) return null;
    const problem = folderProblem(chosen, this.#deps.userDataDir);
    if (problem !== null) throw folderFailure(chosen, problem);
    const dir = resolve(chosen);
    // Choosing the default folder in the dialog is the same as "Use the default folder".
    if (realOr(dir) === realOr(defaultWorkspaceDir(this.#deps.userDataDir))) return this.useDefault();
    this.#deps.setting.store(dir);
    await this.#deps.plan.switchTo(dir);
    this.#source = 'chosen';
    return this.view();
  }

  async useDefault(): Promise<WorkspaceView> {
    this.#deps.setting.store(null);
    await this.#deps.plan.switchTo(defaultWorkspaceDir(this.#deps.userDataDir));
    this.#source = 'default';
    return this.view();
  }
}

/**
 * The folder the app was told to use ("Open workspace folder…"), read for a process that opens no
 * core (the CLI's `plan` commands, which must run on a CI machine that has no history at all): the
 * history file is opened read-only (SQLite may still create its -wal/-shm companions beside it) and
 * only app_state is asked. Null when there is no history or nothing was chosen; `problem` when the
 * chosen folder cannot be used now; `unread` when the history could not be asked (busy for longer
 * than the timeout, unreadable), which the caller says rather than silently reading another folder.
 */
export function chosenWorkspace(userDataDir: string): { dir: string; problem: FolderProblem | null } | { unread: string } | null {
  const path = join(userDataDir, 'history.sqlite');
  if (!existsSync(path)) return null;
  let stored: string | null = null;
  try {
    const db = new DatabaseSync(path, { readOnly: true, timeout: 5_000 });
    try {
      const row = db.prepare('SELECT value FROM app_state WHERE key = ?').get(KEY) as { value?: unknown } | undefined;
      stored = typeof row?.value === 'string' && row.value !== '' && row.value.length <= PATH_MAX ? row.value : null;
    } finally {
      db.close();
    }
  } catch (error) {
    // A history from before app_state: nothing was chosen then.
    if (/no such table/i.test((error as Error).message)) return null;
    return { unread: ((error as { code?: unknown }).code as string | undefined) ?? (error as Error).message.slice(0, 200) };
  }
  return stored === null ? null : { dir: stored, problem: folderProblem(stored, userDataDir) };
}
