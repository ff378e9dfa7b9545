import { DatabaseSync } from 'node:sqlite';
import { migrations } from './migrations.ts';

/** Opens (or creates) the history database and brings its schema up to date. */
export function openDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 2000;');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Applies the missing steps, each in its own transaction with its version bump. */
export function migrate(db: DatabaseSync, steps: readonly string[] = migrations): number {
  const current = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (current > steps.length) {
    throw new Error(`The history database was written by a newer Event Desk (schema ${current}, this version knows ${steps.length}).`);
  }
  for (let version = current; version < steps.length; version += 1) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(steps[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return steps.length;
}
