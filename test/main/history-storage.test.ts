import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/storage/database.ts';
import { HistoryRepository } from '../../src/main/history/history-repository.ts';
import { migrations } from '../../src/main/storage/migrations.ts';
import { openStorage } from '../../src/main/storage/open-storage.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { createServices } from '../../src/main/services.ts';
import { EMPTY_FILTER } from '../../src/shared/history.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';

const temp = tempFoldersFor('event-desk-storage-');

describe('migrations', () => {
  it('upgrade a database from the previous schema, indexing what it already holds', () => {
    const path = join(temp(), 'history.sqlite');
    const old = new DatabaseSync(path);
    migrate(old, migrations.slice(0, 2));
    old.prepare(`INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data) VALUES ('default', 1, 1, 'sent', 'Old refund', 7, '{"note":"kept"}')`).run();
    old.close();
    const { db, recovered } = openStorage(path, new Date());
    expect(recovered).toBeNull();
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(migrations.length);
    const history = new HistoryRepository(db);
    expect(history.page(10, null, 'default', { ...EMPTY_FILTER, text: 'kept' }).entries.map((e) => e.request.name)).toEqual(['Old refund']);
    expect(history.eventNames('default')).toEqual(['Old refund']);
    db.close();
  });
});

describe('an unreadable database', () => {
  it('is moved aside with a timestamp and a new history starts', () => {
    const folder = temp();
    const path = join(folder, 'history.sqlite');
    writeFileSync(path, 'this is not a database, just some text that got here somehow '.repeat(200));
    const { db, recovered } = openStorage(path, new Date('2026-11-25T10:00:00Z'));
    expect(recovered?.movedTo).toBe(join(folder, 'history.unreadable-2026-11-25T10-00-00-000Z.sqlite'));
    expect(recovered?.reason).toMatch(/not a database/);
    expect(readdirSync(folder).toSorted()).toContain('history.unreadable-2026-11-25T10-00-00-000Z.sqlite');
    expect(new HistoryRepository(db).count('default', EMPTY_FILTER)).toBe(0);
    db.close();
  });

  it('the app still starts and says so once', async () => {
    const folder = temp();
    writeFileSync(join(folder, 'history.sqlite'), Buffer.alloc(8192, 7));
    const services = createServices({ userDataDir: folder, env: {}, secretStore: fixedKeyStore(null), emit: () => {} });
    const notices = await services.handlers['app:notices'](undefined);
    expect(notices.ok && notices.value.map((n) => n.code)).toEqual(['history_recovered']);
    expect(await services.handlers['app:notices'](undefined)).toEqual({ ok: true, value: [] });
    services.close();
  });
});

describe('retention', () => {
  it('removes entries older than the setting at startup, and says how many', async () => {
    const folder = temp();
    const store = fixedKeyStore(null);
    const day = 86_400_000;
    let now = Date.UTC(2026, 0, 1);
    const clock = { now: () => now, sleep: async () => {} };
    const first = createServices({ userDataDir: folder, env: {}, secretStore: store, emit: () => {}, clock });
    await first.handlers['settings:setRetention']({ days: 30 });
    first.close();
    const db = new DatabaseSync(join(folder, 'history.sqlite'));
    const history = new HistoryRepository(db);
    history.insertSending('default', { name: 'old', customer: 1, data: {} }, now - 40 * day);
    history.insertSending('default', { name: 'new', customer: 1, data: {} }, now - 10 * day);
    history.markInterruptedAsUnknown(now);
    db.close();
    now += 1000;
    const second = createServices({ userDataDir: folder, env: {}, secretStore: store, emit: () => {}, clock });
    const page = await second.handlers['history:list']({ limit: 10, beforeId: null });
    expect(page.ok && page.value.entries.map((e) => e.request.name)).toEqual(['new']);
    const notices = await second.handlers['app:notices'](undefined);
    expect(notices.ok && notices.value.map((n) => n.message).join(' ')).toContain('1 history entry older than 30 days was removed');
    second.close();
  });
});
