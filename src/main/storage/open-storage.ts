import { existsSync, renameSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { StartupError } from './startup-error.ts';
import { isBusy, openDatabase } from './database.ts';

export interface OpenedStorage {
  db: DatabaseSync;
  /** Set when the old file could not be read and was moved aside. */
  recovered: { movedTo: string; reason: string } | null;
}

/**
 * Opens the history; if the file is unreadable or corrupt, moves it (and its WAL files) aside with
 * a timestamped name and starts a new one, so the app always starts and nothing is deleted.
 */
export function openStorage(path: string, now: Date): OpenedStorage {
  try {
    const db = openDatabase(path);
    // Opening is lazy: touch the schema so a damaged file fails here, not on the first send.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return { db, recovered: null };
  } catch (error) {
    // Never move aside a file a newer version can read, or one whose problem the user must see.
    if (error instanceof StartupError) throw error;
    // Nor one that is only busy (another process kept it locked through every try): it is fine.
    if (isBusy(error)) {
      const detail = (error as Error).message;
      throw new StartupError(`The history database ${path} is kept busy by another Event Desk process (${detail}).`, 'Wait for the other window or command to finish, then try again.', {
        code: 'busy',
        values: { path, detail },
      });
    }
    const reason = (error as Error).message;
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const movedTo = path.replace(/\.sqlite$/, '') + `.unreadable-${stamp}.sqlite`;
    try {
      renameSync(path, movedTo);
      for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix);
    } catch (renameError) {
      throw new StartupError(
        `The history database ${path} cannot be read (${reason}), and moving it aside failed (${(renameError as Error).message}).`,
        'Move or delete that file yourself (check the folder\'s permissions), then start Event Desk again.',
        { code: 'unreadable', values: { path, reason, detail: (renameError as Error).message } },
      );
    }
    return { db: openDatabase(path), recovered: { movedTo, reason } };
  }
}
