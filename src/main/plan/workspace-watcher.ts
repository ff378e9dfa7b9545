import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface WorkspaceWatcher {
  /** Resolves once the folder is being watched (tests wait for it, never for time). */
  readonly ready: Promise<void>;
  /** The folders being watched (absolute), for tests and diagnostics. */
  watched(): string[];
  close(): Promise<void>;
}

/** Files that can hold a definition, a saved event or the plan's settings; anything else is not looked at. */
const WATCHED = /\.(ya?ml|json)$/i;

/**
 * Tells the app when the workspace's files change (an edit in another editor, `git pull`, a branch
 * switch), so the plan is read again and the window refreshes without a restart. chokidar (what VS
 * Code's and webpack's watchers are built on) rather than fs.watch: it settles atomic saves (write a
 * temp file, rename) into one change, and it follows folders created later (`definitions/` after the
 * first write). Symbolic links are not followed: a workspace is hostile input (docs/tracking-plan.md).
 * A burst of changes (a checkout touching 200 files) is reported once it is over.
 */
export function watchWorkspace(dir: string, changed: () => void, settleMs = 150): WorkspaceWatcher {
  // Watching needs the folder; an empty one costs nothing and the first write would make it anyway.
  mkdirSync(dir, { recursive: true });
  const folders = new Set([resolve(dir), resolve(join(dir, 'definitions')), resolve(join(dir, 'saved'))]);
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dir, {
    ignoreInitial: true,
    followSymlinks: false,
    // <workspace>/plan.yaml, definitions/*.yaml, saved/*.yaml: nothing deeper is read.
    depth: 1,
    // Only the folders the workspace reads: a git checkout's .git (hundreds of folders) is never watched.
    ignored: (path, stats) => (stats?.isDirectory() ? !folders.has(resolve(path)) : (stats?.isFile() ?? false) && !WATCHED.test(path)),
    atomic: true,
  });
  watcher.on('all', () => {
    clearTimeout(timer);
    timer = setTimeout(changed, settleMs);
  });
  // A watcher that fails (too many watches, the folder removed) must not take the app down: the
  // checker still looks at the files' signatures before each check.
  watcher.on('error', () => {});
  const ready = new Promise<void>((settle) => watcher.once('ready', () => settle()));
  return {
    ready,
    watched: () => Object.keys(watcher.getWatched()).map((folder) => resolve(folder)),
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
