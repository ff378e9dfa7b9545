import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanMarks } from '../../src/main/plan/plan-marks.ts';
import { PlanOverviewReader } from '../../src/main/plan/plan-overview.ts';
import { migrate, openDatabase } from '../../src/main/storage/database.ts';
import { migrations } from '../../src/main/storage/migrations.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-overview-hours-');
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
// 12:20 UTC: the window is the 30 × 24 hours ending at 13:00.
const NOW = Date.UTC(2026, 5, 30, 12, 20);
const SINCE = Date.UTC(2026, 5, 30, 13) - 30 * DAY;
let db: DatabaseSync | undefined;
afterEach(() => db?.close());

function overview(database: DatabaseSync, profile = 'default') {
  const plan = { dir: '/workspace', settings: { onlyPlannedEvents: false }, definitions: new Map(), problems: [] };
  return new PlanOverviewReader({ db: database, plan: async () => plan, now: () => NOW }).overview(profile);
}

/** A row as the history writes it: a "sending" row waits for the text indexer (indexed = 0). */
function insert(database: DatabaseSync, name: string, at: number, outcome = 'sent', profile = 'default'): number {
  const indexed = outcome === 'sending' ? 0 : 1;
  return Number(database.prepare(`INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data, indexed) VALUES (?, ?, ?, ?, ?, 1001, '{}', ?)`).run(profile, at, at, outcome, name, indexed).lastInsertRowid);
}

const hours = (database: DatabaseSync) => database.prepare('SELECT profile, hour, name, sent, newest FROM send_hours WHERE sent > 0 ORDER BY profile, name, hour').all();

describe('the hourly counts behind the Plan view', () => {
  it('are filled from an older history by the upgrade', async () => {
    const path = join(temp(), 'history.sqlite');
    const old = new DatabaseSync(path);
    migrate(old, migrations.slice(0, migrations.findIndex((step) => step.includes('CREATE TABLE send_hours'))));
    insert(old, 'Refund issued', NOW - 1000);
    insert(old, 'Refund issued', NOW - 2000);
    insert(old, 'Refund issued', NOW - 3000, 'rejected');
    insert(old, 'Call made', SINCE - 1);
    insert(old, 'Call made', SINCE, 'sent', 'other');
    old.close();
    db = openDatabase(path);
    const read = await overview(db);
    expect(read.since).toBe(SINCE);
    expect(read.activity).toEqual([
      expect.objectContaining({ name: 'Refund issued', sends: 2, lastSent: NOW - 1000 }),
    ]);
    expect(read.activity[0]!.daily.at(-1)).toBe(2);
    expect((await overview(db, 'other')).activity).toEqual([expect.objectContaining({ name: 'Call made', sends: 1, lastSent: SINCE })]);
    expect((await overview(db, 'other')).activity[0]!.daily[0]).toBe(1);
  });

  it('follow every write to sends: a first outcome, a delete, a changed row', async () => {
    db = openDatabase(join(temp(), 'history.sqlite'));
    // The send service writes "sending" first, then the outcome.
    const first = insert(db, 'Refund issued', NOW - 1000, 'sending');
    expect(hours(db)).toEqual([]);
    db.prepare(`UPDATE sends SET outcome = 'sent' WHERE id = ?`).run(first);
    const second = insert(db, 'Refund issued', NOW - 500, 'sending');
    db.prepare(`UPDATE sends SET outcome = 'sent' WHERE id = ?`).run(second);
    const failed = insert(db, 'Refund issued', NOW - 400, 'sending');
    db.prepare(`UPDATE sends SET outcome = 'network_error' WHERE id = ?`).run(failed);
    const hour = Math.floor(NOW / HOUR);
    expect(hours(db)).toEqual([{ profile: 'default', hour, name: 'Refund issued', sent: 2, newest: NOW - 500 }]);
    // Deleting the hour's newest delivery finds the one before it.
    db.prepare('DELETE FROM sends WHERE id = ?').run(second);
    expect(hours(db)).toEqual([{ profile: 'default', hour, name: 'Refund issued', sent: 1, newest: NOW - 1000 }]);
    // Moving the hour's newest delivery away (renamed) also finds the one before it.
    const third = insert(db, 'Refund issued', NOW - 200);
    db.prepare(`UPDATE sends SET name = 'Moved' WHERE id = ?`).run(third);
    expect(hours(db)).toEqual([
      { profile: 'default', hour, name: 'Moved', sent: 1, newest: NOW - 200 },
      { profile: 'default', hour, name: 'Refund issued', sent: 1, newest: NOW - 1000 },
    ]);
    db.prepare('DELETE FROM sends WHERE id = ?').run(third);
    // A restart marks a stuck send "unknown" (sent → something else never happens, but is followed).
    db.prepare(`UPDATE sends SET outcome = 'unknown' WHERE id = ?`).run(first);
    expect(hours(db)).toEqual([]);
    db.prepare(`UPDATE sends SET outcome = 'sent', created_at = ? WHERE id = ?`).run(NOW - 3 * DAY, first);
    expect(hours(db)).toEqual([{ profile: 'default', hour: Math.floor((NOW - 3 * DAY) / HOUR), name: 'Refund issued', sent: 1, newest: NOW - 3 * DAY }]);
    db.prepare(`UPDATE sends SET name = 'Renamed' WHERE id = ?`).run(first);
    expect(hours(db)).toEqual([{ profile: 'default', hour: Math.floor((NOW - 3 * DAY) / HOUR), name: 'Renamed', sent: 1, newest: NOW - 3 * DAY }]);
    db.prepare(`UPDATE sends SET name = 'Refund issued' WHERE id = ?`).run(first);
    const read = await overview(db);
    expect(read.activity).toEqual([expect.objectContaining({ name: 'Refund issued', sends: 1, lastSent: NOW - 3 * DAY })]);
    expect(read.activity[0]!.daily.at(-4)).toBe(1);
    db.prepare('DELETE FROM sends').run();
    expect(hours(db)).toEqual([]);
    // The emptied hours are forgotten at the next start's upkeep.
    expect(db.prepare('SELECT count(*) AS n FROM send_hours').get()).toEqual({ n: 4 });
    new PlanMarks(db).prune(NOW - 30 * DAY);
    expect(db.prepare('SELECT count(*) AS n FROM send_hours').get()).toEqual({ n: 0 });
    expect((await overview(db)).activity).toEqual([]);
  });
});
