import { parse } from 'csv-parse/sync';
import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { ExportService } from '../../src/main/history/export-service.ts';
import { dataKeysByReading, exportDataKeys, MAX_DATA_COLUMNS } from '../../src/main/history/export-query.ts';
import type { HistoryRepository } from '../../src/main/history/history-repository.ts';
import { EMPTY_FILTER, type HistoryFilter } from '../../src/shared/history.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { addSend, outcome, tempHistory } from '../support/history-fixture.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-export-keys-');
const signal = () => new AbortController().signal;

function withHistory(test: (history: HistoryRepository, db: DatabaseSync) => Promise<void>): () => Promise<void> {
  return async () => {
    const { history, db, dispose } = tempHistory();
    try {
      await test(history, db);
    } finally {
      dispose();
    }
  };
}

function service(history: HistoryRepository, db: DatabaseSync | undefined, path: string): ExportService {
  return new ExportService({ history, profile: 'default', clock: new FakeClock(), chooseSavePath: async () => path, progress: () => {}, db, timeZone: 'Europe/Berlin' });
}

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

/** Both ways of finding the keys, which must always agree. */
async function bothKeys(history: HistoryRepository, db: DatabaseSync, scope: { filter: HistoryFilter } | { ids: number[] }, limit = MAX_DATA_COLUMNS) {
  const bySql = await exportDataKeys(db, 'default', scope, signal(), { limit });
  const byReading = await dataKeysByReading(history.iterate('default', 'ids' in scope ? null : scope.filter, 'ids' in scope ? scope.ids : null), signal(), { limit });
  expect(byReading).toEqual(bySql);
  // SQL works an id range at a time: tiny ranges must add up to the same answer.
  for (const chunk of [1, 2, 3]) expect(await exportDataKeys(db, 'default', scope, signal(), { limit, chunk })).toEqual(bySql);
  return bySql;
}

describe('the data keys of a CSV export', () => {
  it('are the filtered entries\' top-level keys, most frequent first, ties by name', withHistory(async (history, db) => {
    addSend(history, { name: 'Refund issued', customer: 1001, data: { amount: 20, reason: 'Damaged', zeta: 1 } }, 1000);
    addSend(history, { name: 'Refund issued', customer: 1002, data: { amount: 5, reason: 'Late' } }, 2000);
    addSend(history, { name: 'Call made', customer: 1001, data: { minutes: 5, note: 'refund promised', amount: 0 } }, 3000);
    addSend(history, { name: 'Plan changed', customer: 1003, data: {} }, 4000);
    expect(await bothKeys(history, db, { filter: EMPTY_FILTER })).toEqual({ keys: ['amount', 'reason', 'minutes', 'note', 'zeta'], omitted: 0 });
    expect(await bothKeys(history, db, { filter: { ...EMPTY_FILTER, name: 'Call made' } })).toEqual({ keys: ['amount', 'minutes', 'note'], omitted: 0 });
    expect(await bothKeys(history, db, { filter: { ...EMPTY_FILTER, customer: 1002 } })).toEqual({ keys: ['amount', 'reason'], omitted: 0 });
    // Text search goes through the full-text index; the service counts first, which brings it up to date.
    history.count('default', { ...EMPTY_FILTER, text: 'damaged' });
    expect(await bothKeys(history, db, { filter: { ...EMPTY_FILTER, text: 'damaged' } })).toEqual({ keys: ['amount', 'reason', 'zeta'], omitted: 0 });
    expect(await bothKeys(history, db, { ids: [2, 4] })).toEqual({ keys: ['amount', 'reason'], omitted: 0 });
    expect(await bothKeys(history, db, { filter: { ...EMPTY_FILTER, name: 'Nobody sent this' } })).toEqual({ keys: [], omitted: 0 });
  }));

  it(`are at most ${MAX_DATA_COLUMNS}; the rest are counted as left out (they stay in the data column)`, withHistory(async (history, db) => {
    const wide = Object.fromEntries(Array.from({ length: MAX_DATA_COLUMNS + 50 }, (_, index) => [`k${String(index).padStart(3, '0')}`, index]));
    addSend(history, { name: 'Wide', customer: 1001, data: wide }, 1000);
    // The last key is in every entry, so it is the most frequent and comes first.
    addSend(history, { name: 'Narrow', customer: 1001, data: { k249: 'again' } }, 2000);
    const { keys, omitted } = await bothKeys(history, db, { filter: EMPTY_FILTER });
    expect(keys).toHaveLength(MAX_DATA_COLUMNS);
    expect(omitted).toBe(50);
    expect(keys.slice(0, 3)).toEqual(['k249', 'k000', 'k001']);
  }));

  it('skip damaged rows (data that is not JSON, or not an object) instead of failing the export', withHistory(async (history, db) => {
    const good = addSend(history, { name: 'Good', customer: 1001, data: { fine: true } }, 1000);
    const broken = addSend(history, { name: 'Broken', customer: 1001, data: { lost: 1 } }, 2000);
    const list = addSend(history, { name: 'A list', customer: 1001, data: { gone: 1 } }, 3000);
    db.prepare('UPDATE sends SET data = ? WHERE id = ?').run('{"lost": tru', broken);
    db.prepare('UPDATE sends SET data = ? WHERE id = ?').run('[1, 2, 3]', list);
    expect(await bothKeys(history, db, { filter: EMPTY_FILTER })).toEqual({ keys: ['fine'], omitted: 0 });
    const path = join(temp(), 'out.csv');
    expect(await service(history, db, path).export({ filter: EMPTY_FILTER, ids: null, format: 'csv' })).toEqual({ path, count: 3 });
    const rows = readCsv(path);
    expect(rows.map((row) => [row.id, row.data, row['data.fine'], row.unreadable !== ''])).toEqual([
      [String(list), '{}', '', true],
      [String(broken), '{}', '', true],
      [String(good), '{"fine":true}', 'true', false],
    ]);
  }));

  it('agree between SQL and reading the entries, for any data', withHistory(async (history, db) => {
    const key = fc.oneof(fc.constantFrom('a', 'b', 'amount', '__proto__', 'constructor', 'Zoë', '🎉', '', ' '), fc.string({ maxLength: 4 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.dictionary(key, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 6 }), { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), async (datas, limit) => {
        db.exec('DELETE FROM sends');
        for (const [index, data] of datas.entries()) addSend(history, { name: 'Any', customer: 1001, data: JSON.parse(JSON.stringify(data)) as Record<string, unknown> }, 1000 + index);
        await bothKeys(history, db, { filter: EMPTY_FILTER }, limit);
      }),
      { numRuns: 60 },
    );
  }));

  it('a cancelled export stops during the key pass and writes nothing', withHistory(async (history, db) => {
    addSend(history, { name: 'One', customer: 1001, data: { a: 1 } }, 1000);
    const controller = new AbortController();
    controller.abort();
    await expect(exportDataKeys(db, 'default', { filter: EMPTY_FILTER }, controller.signal)).rejects.toThrow();
    const folder = temp();
    await expect(service(history, db, join(folder, 'out.csv')).exportTo({ filter: EMPTY_FILTER, ids: null, format: 'csv' }, { path: join(folder, 'out.csv') }, controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
  }));
});

describe('ExportService, CSV', () => {
  it('exports the filter or the selection with one column per key seen; the same with or without the database', withHistory(async (history, db) => {
    const first = addSend(history, { name: 'Refund issued', customer: 1001, data: { amount: 20, reason: '=1+2' } }, Date.UTC(2026, 6, 1, 12));
    addSend(history, { name: 'Call made', customer: 1002, data: { minutes: 5 } }, Date.UTC(2026, 6, 1, 13), outcome({ outcome: 'not_found', httpStatus: 404, eventId: null, message: 'No such customer' }));
    const third = addSend(history, { name: 'Refund issued', customer: 1003, data: { amount: 7.5 } }, Date.UTC(2026, 6, 2, 9));
    const folder = temp();
    const withDb = join(folder, 'with-db.csv');
    expect(await service(history, db, withDb).export({ filter: { ...EMPTY_FILTER, name: 'Refund issued' }, ids: null, format: 'csv' })).toEqual({ path: withDb, count: 2 });
    const rows = readCsv(withDb);
    expect(Object.keys(rows[0]!).slice(-3)).toEqual(['data', 'data.amount', 'data.reason']);
    expect(rows).toMatchObject([
      { id: String(third), name: 'Refund issued', customer: '1003', 'data.amount': '7.5', 'data.reason': '', createdAtLocal: '2026-07-02T11:00:00.000+02:00', createdAtUtc: '2026-07-02T09:00:00.000Z' },
      { id: String(first), 'data.amount': '20', 'data.reason': "'=1+2" },
    ]);
    const withoutDb = join(folder, 'without-db.csv');
    await service(history, undefined, withoutDb).export({ filter: { ...EMPTY_FILTER, name: 'Refund issued' }, ids: null, format: 'csv' });
    expect(readFileSync(withoutDb, 'utf8')).toBe(readFileSync(withDb, 'utf8'));
    const selected = join(folder, 'selected.csv');
    await service(history, db, selected).exportTo({ filter: EMPTY_FILTER, ids: [first, first + 1], format: 'csv', timeZone: 'UTC' }, { path: selected });
    const selection = readCsv(selected);
    expect(selection.map((row) => row.id)).toEqual([String(first + 1), String(first)]);
    expect(Object.keys(selection[0]!).slice(-4)).toEqual(['data', 'data.amount', 'data.minutes', 'data.reason']);
    expect(selection[0]).toMatchObject({ outcome: 'not_found', httpStatus: '404', message: 'No such customer', createdAtLocal: '2026-07-01T13:00:00.000+00:00' });
  }));

  it('suggests a .csv file, and refuses a time zone it does not know before writing anything', withHistory(async (history, db) => {
    const suggested: string[] = [];
    const folder = temp();
    const exports = new ExportService({ history, profile: 'default', clock: new FakeClock(), chooseSavePath: async (name) => (suggested.push(name), join(folder, name)), progress: () => {}, db });
    await exports.export({ filter: EMPTY_FILTER, ids: null, format: 'csv' });
    expect(suggested[0]).toMatch(/^event-desk-history-[\d-]+\.csv$/);
    await expect(exports.exportTo({ filter: EMPTY_FILTER, ids: null, format: 'csv', timeZone: 'Mars/Olympus_Mons' }, { path: join(folder, 'mars.csv') })).rejects.toMatchObject({ code: 'invalid_input', hint: expect.stringContaining('Europe/Berlin') });
    expect(() => readFileSync(join(folder, 'mars.csv'))).toThrow();
  }));
});
