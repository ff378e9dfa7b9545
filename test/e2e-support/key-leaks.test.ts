import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { findKeyLeaks } from '../../e2e/support/key-leaks.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-leaks-');

describe('the e2e key-leak scan', () => {
  it('finds a key inside a SQLite file, an export and a page text, and nothing where there is none', () => {
    const folder = temp();
    const db = new DatabaseSync(join(folder, 'history.sqlite'));
    db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('Bearer secret-key-0123456789')");
    db.close();
    writeFileSync(join(folder, 'export.ndjson'), '{"ok":true}\n');
    expect(findKeyLeaks(['secret-key-0123456789'], [folder], { page: 'nothing here' })).toEqual([expect.stringContaining('history.sqlite')]);
    expect(findKeyLeaks(['secret-key-0123456789'], [folder], { page: 'x secret-key-0123456789 y' })).toHaveLength(2);
    expect(findKeyLeaks(['other-key-9876543210'], [folder], { page: 'nothing' })).toEqual([]);
  });
});
