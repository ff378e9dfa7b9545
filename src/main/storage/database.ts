import { DatabaseSync } from 'node:sqlite';
import { StartupError } from './startup-error.ts';
import { migrations } from './migrations.ts';
import { migrateWithBackup } from './migration-backup.ts';

/** The tables every schema version since 3 has: a file claiming a version without them was tampered with or damaged. */
const EXPECTED_TABLES = ['sends', 'recent_customers', 'sends_fts', 'event_names', 'known_customers'];
/** Tables added by a later version, checked from that version on. */
const LATER_TABLES: Record<number, string[]> = {
  4: ['runs', 'rate_budgets'],
  5: ['jobs', 'job_items'],
  6: ['saved_events'],
  7: ['outbox'],
  8: ['profiles', 'app_state'],
  [migrations.findIndex((step) => step.includes('CREATE TABLE rate_starts')) + 1]: ['rate_starts'],
  [migrations.findIndex((step) => step.includes('CREATE TABLE outbox_attempts')) + 1]: ['outbox_attempts'],
  [migrations.findIndex((step) => step.includes('CREATE TABLE plan_marks')) + 1]: ['plan_marks', 'plan_blocks'],
  [migrations.findIndex((step) => step.includes('CREATE TABLE saved_event_files')) + 1]: ['saved_event_files'],
  [migrations.findIndex((step) => step.includes('CREATE TABLE send_hours')) + 1]: ['send_hours'],
};

/** How many times a first open that found the file busy is tried again, and the pause between tries. */
const OPEN_TRIES = 8;
const OPEN_RETRY_MS = 100;

/**
 * Opens (or creates) the history database and brings its schema up to date. Several processes may
 * open a new folder at the same moment (the app and CLI runs): the one that is switching the file to
 * WAL or migrating holds it briefly, and the others wait (busy timeout) or, where SQLite answers
 * "busy" without waiting, open again a little later.
 */
export function openDatabase(path: string): DatabaseSync {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return openOnce(path);
    } catch (error) {
      if (!isBusy(error) || attempt >= OPEN_TRIES) throw error;
      pauseSync(OPEN_RETRY_MS * attempt);
    }
  }
}

/** SQLITE_BUSY or SQLITE_LOCKED: another connection holds the file for now. */
export function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: number }).errcode;
  return code === 5 || code === 6 || /database (table )?is locked|SQLITE_BUSY/i.test((error as Error)?.message ?? '');
}

function openOnce(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  try {
    // The busy timeout first: switching to WAL and migrating take locks another opener may hold.
    db.exec('PRAGMA busy_timeout = 5000;');
    // trusted_schema = OFF: a crafted file's triggers and views cannot call functions with side effects.
    db.exec('PRAGMA trusted_schema = OFF; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
    // Before migrating (a step would fail half-way on missing tables) and after (a step must have made them).
    checkTables(db, path);
    // An upgrade keeps a copy of the file from before it, and puts it back if the upgrade fails.
    migrateWithBackup(db, path, migrations.length, () => migrate(db), isBusy);
    checkTables(db, path);
  } catch (error) {
    // A failed upgrade has closed it already (to put the copy back).
    if (db.isOpen) db.close();
    throw error;
  }
  return db;
}

/** Opening is synchronous (hosts open the database before anything else runs), so the pause is too. */
function pauseSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Applies the missing steps, each in its own transaction with its version bump. */
export function migrate(db: DatabaseSync, steps: readonly string[] = migrations): number {
  const current = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (current > steps.length) {
    throw new StartupError(
      `The history database was written by a newer Event Desk (schema ${current}; this version knows ${steps.length}).`,
      'Install the newer Event Desk again, or move the history file elsewhere to start a new history with this version.',
      { code: 'newer_schema', values: { current, known: steps.length } },
    );
  }
  for (let version = current; version < steps.length; version += 1) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Read again under the write lock: another process opening the same file may have applied it.
      const applied = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
      if (applied <= version) {
        db.exec(steps[version]!);
        db.exec(`PRAGMA user_version = ${version + 1}`);
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return steps.length;
}

function checkTables(db: DatabaseSync, path: string): void {
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  // Below 3 the first steps create these tables; above what this version knows, migrate() explains.
  if (version < 3 || version > migrations.length) return;
  const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
  const expected = [...EXPECTED_TABLES, ...Object.entries(LATER_TABLES).flatMap(([from, tables]) => (version >= Number(from) ? tables : []))];
  const missing = expected.filter((table) => !present.has(table));
  if (missing.length > 0) {
    throw new StartupError(
      `The history database ${path} says it is schema ${version}, but its tables do not match (missing: ${missing.join(', ')}).`,
      'Move that file elsewhere (Event Desk then starts a new history), or restore it from a backup.',
      { code: 'tables_mismatch', values: { path, version, missing: missing.join(', ') } },
    );
  }
}
