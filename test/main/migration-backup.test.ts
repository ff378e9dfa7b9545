import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/main/storage/database.ts';
import { backupPath, migrateWithBackup } from '../../src/main/storage/migration-backup.ts';
import { migrations } from '../../src/main/storage/migrations.ts';
import { StartupError } from '../../src/main/storage/startup-error.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-migration-backup-');
const version = (db: DatabaseSync) => (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;

/** A history an older release left: `schema` steps applied, one send in it. */
function olderHistory(path: string, schema: number): void {
  const old = new DatabaseSync(path);
  old.exec('PRAGMA journal_mode = WAL');
  migrate(old, migrations.slice(0, schema));
  old.prepare(`INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data) VALUES ('default', 1, 1, 'sent', 'Kept refund', 7, '{}')`).run();
  old.close();
}

describe('an upgrade of the history database', () => {
  it('keeps a copy of the file from before it; a new or current database is not copied', () => {
    const folder = temp();
    const path = join(folder, 'history.sqlite');
    const before = migrations.length - 3;
    olderHistory(path, before);
    openDatabase(path).close();
    const copy = new DatabaseSync(backupPath(path, before), { readOnly: true });
    expect(version(copy)).toBe(before);
    expect(copy.prepare('SELECT name FROM sends').all()).toEqual([{ name: 'Kept refund' }]);
    copy.close();
    // Opening again (nothing to upgrade) and a brand-new file make no copy.
    openDatabase(path).close();
    openDatabase(join(folder, 'other.sqlite')).close();
    expect(readdirSync(folder).filter((name) => name.includes('.before-'))).toEqual([`history.before-schema-${before}.sqlite`]);
  });

  it('keeps the newest two copies', () => {
    const folder = temp();
    const path = join(folder, 'history.sqlite');
    olderHistory(path, migrations.length - 3);
    for (const step of [migrations.length - 2, migrations.length - 1, migrations.length]) {
      const db = new DatabaseSync(path);
      migrateWithBackup(db, path, step, () => migrate(db, migrations.slice(0, step)));
      db.close();
    }
    expect(readdirSync(folder).filter((name) => name.includes('.before-')).toSorted()).toEqual([`history.before-schema-${migrations.length - 2}.sqlite`, `history.before-schema-${migrations.length - 1}.sqlite`]);
  });

  it('a failed upgrade puts the copy back and says nothing was lost', () => {
    const path = join(temp(), 'history.sqlite');
    const before = migrations.length - 1;
    olderHistory(path, before);
    const broken = [...migrations.slice(0, before), 'CREATE TABLE half_done (x); THIS IS NOT SQL'];
    const db = new DatabaseSync(path);
    let failure: unknown;
    try {
      migrateWithBackup(db, path, broken.length, () => migrate(db, broken));
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as Error).message).toMatch(/The copy made before the upgrade was put back: nothing was lost\./);
    expect(db.isOpen).toBe(false);
    const restored = new DatabaseSync(path);
    expect(version(restored)).toBe(before);
    expect(restored.prepare('SELECT name FROM sends').all()).toEqual([{ name: 'Kept refund' }]);
    expect(restored.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").all()).toEqual([]);
    restored.close();
  });

  it('a file another process holds is never written over (busy is retried, not restored)', () => {
    const path = join(temp(), 'history.sqlite');
    olderHistory(path, migrations.length - 1);
    const db = new DatabaseSync(path);
    const busy = Object.assign(new Error('database is locked'), { errcode: 5 });
    expect(() => migrateWithBackup(db, path, migrations.length, () => { throw busy; }, (error) => error === busy)).toThrow(busy);
    expect(db.isOpen).toBe(true);
    db.close();
    expect(existsSync(path)).toBe(true);
  });
});
