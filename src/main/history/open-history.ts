import { existsSync, renameSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase } from './database.ts';

export interface OpenedHistory {
  db: DatabaseSync;
  /** Set when the old file could not be read and was moved aside. */
  recovered: { movedTo: string; reason: string } | null;
}

/**
 * Opens the history; if the file is unreadable or corrupt, moves it (and its WAL files) aside with
 * a timestamped name and starts a new one, so the app always starts and nothing is deleted.
 */
export function openHistory(path: string, now: Date): OpenedHistory {
  try {
    const db = openDatabase(path);
    // Opening is lazy: touch the schema so a damaged file fails here, not on the first send.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return { db, recovered: null };
  } catch (error) {
    const reason = (error as Error).message;
    if (/newer Event Desk/.test(reason)) throw error; // never move aside a file a newer version can read
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const movedTo = path.replace(/\.sqlite$/, '') + `.unreadable-${stamp}.sqlite`;
    renameSync(path, movedTo);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix);
    return { db: openDatabase(path), recovered: { movedTo, reason } };
  }
}
