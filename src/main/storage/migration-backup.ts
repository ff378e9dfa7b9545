import { copyFileSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { StartupError } from './startup-error.ts';

/** How many copies from before an upgrade are kept (the newest ones). */
export const KEPT_BACKUPS = 2;

/** `history.sqlite` at schema 14 → `history.before-schema-14.sqlite`, beside it. */
export function backupPath(path: string, schema: number): string {
  return join(dirname(path), `${basename(path, '.sqlite')}.before-schema-${schema}.sqlite`);
}

/**
 * Upgrades the open database with `migrate`, keeping a copy of it from before: a failed upgrade puts
 * the copy back and says so (nothing is lost), a good one leaves the copy for the user (the last
 * KEPT_BACKUPS are kept). A new or current database is not copied. The copy is written by SQLite
 * itself (VACUUM INTO: a consistent snapshot, WAL included) under a name of this process's, then
 * renamed, so two processes upgrading at once never write one file together. `busy` tells a file
 * another process holds (opening is retried) from a failed upgrade.
 */
export function migrateWithBackup(db: DatabaseSync, path: string, steps: number, migrate: () => void, busy: (error: unknown) => boolean = () => false): void {
  const current = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (current === 0 || current >= steps) {
    migrate();
    return;
  }
  const target = backupPath(path, current);
  const partial = `${target}.${process.pid}.partial`;
  try {
    rmSync(partial, { force: true });
    db.exec(`VACUUM INTO '${partial.replaceAll("'", "''")}'`);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new StartupError(
      `Event Desk must upgrade the history database ${path}, and could not copy it first (${(error as Error).message}).`,
      'Free some disk space in that folder (the copy is about the size of the history file), then start Event Desk again.',
      { code: 'backup_failed', values: { path, detail: (error as Error).message } },
    );
  }
  try {
    migrate();
  } catch (error) {
    // Busy: another process holds the file (it may be upgrading it right now): never write over it.
    if (busy(error)) throw error;
    db.close();
    restore(target, path, error as Error);
  }
  prune(path);
}

/** Puts the copy back in place of a half-upgraded file, and stops the start with what happened. */
function restore(copy: string, path: string, cause: Error): never {
  try {
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    copyFileSync(copy, path);
  } catch (error) {
    throw new StartupError(
      `Upgrading the history database failed (${cause.message}), and putting back the copy from before failed too (${(error as Error).message}).`,
      `The copy is ${copy}: copy it over ${path} yourself, then install the Event Desk you had before.`,
      { code: 'restore_failed', values: { path, copy, reason: cause.message, detail: (error as Error).message } },
    );
  }
  throw new StartupError(
    `Upgrading the history database failed (${cause.message}). The copy made before the upgrade was put back: nothing was lost.`,
    'Install the Event Desk you had before, and report this problem with the message above.',
    { code: 'upgrade_failed', values: { reason: cause.message } },
  );
}

/** Keeps the newest KEPT_BACKUPS copies of this database. */
function prune(path: string): void {
  const stem = basename(path, '.sqlite');
  const pattern = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.before-schema-(\\d+)\\.sqlite$`);
  const copies = readdirSync(dirname(path))
    .map((name) => ({ name, schema: Number(pattern.exec(name)?.[1] ?? NaN) }))
    .filter((copy) => Number.isFinite(copy.schema))
    .toSorted((a, b) => b.schema - a.schema);
  for (const copy of copies.slice(KEPT_BACKUPS)) {
    const file = join(dirname(path), copy.name);
    if (existsSync(file)) rmSync(file, { force: true });
  }
}
