import { appendFileSync, existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { ExportError, writeExport, type ExportJob } from '../../src/main/history/export-writer.ts';
import { ExportService } from '../../src/main/history/export-service.ts';
import { EMPTY_FILTER, type HistoryEntry } from '../../src/shared/history.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { tempHistory } from '../support/history-fixture.ts';

const temp = tempFoldersFor('event-desk-export-');

function entry(id: number, data: Record<string, unknown> = {}, responseBody: string | null = '{"id":1}'): HistoryEntry {
  return { id, profile: 'default', createdAt: id, updatedAt: id, outcome: 'sent', disposition: 'delivered', request: { name: `e${id}`, customer: 1001, data }, httpStatus: 200, responseBody, message: null, errors: [], eventId: id, eventCreatedAt: id, attempts: 1, durationMs: 3, customerName: null, customerEmail: null, unreadable: null, savedEventId: null, outbox: null };
}

function job(path: string, entries: Iterable<HistoryEntry>, overrides: Partial<ExportJob> = {}): ExportJob {
  return { path, format: 'json', filter: EMPTY_FILTER, entries, exportedAt: new Date('2026-11-25T10:00:00Z'), signal: new AbortController().signal, onProgress: () => {}, timeZone: 'UTC', ...overrides };
}

/** What schema 1.1 adds to an entry in UTC: each epoch field's ISO twins (here the zone is UTC too). */
function withTimes(exported: HistoryEntry): Record<string, unknown> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const local = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace('Z', '+00:00'));
  return { ...exported, createdAtUtc: iso(exported.createdAt), createdAtLocal: local(exported.createdAt), updatedAtUtc: iso(exported.updatedAt), updatedAtLocal: local(exported.updatedAt), eventCreatedAtUtc: iso(exported.eventCreatedAt), eventCreatedAtLocal: local(exported.eventCreatedAt) };
}

describe('export writer', () => {
  it.each([0, 1, 2500])('writes a valid JSON document for %i entries', async (count) => {
    const path = join(temp(), 'out.json');
    const entries = Array.from({ length: count }, (_, i) => entry(i + 1));
    expect(await writeExport(job(path, entries))).toBe(count);
    const document = JSON.parse(readFileSync(path, 'utf8'));
    expect(document).toMatchObject({ format: 'event-desk-history', version: 1, exportedAt: '2026-11-25T10:00:00.000Z', filter: EMPTY_FILTER });
    // Schema 1.1 only adds fields: every 1.0 field is there unchanged.
    expect(document.entries).toEqual(entries.map(withTimes));
  });

  it('writes only fields the schema declares, and every field it requires (a 1.0 reader sees what it knew)', async () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'history-export.schema.json'), 'utf8'));
    const path = join(temp(), 'out.json');
    await writeExport(job(path, [entry(1), { ...entry(2), eventCreatedAt: null, unreadable: 'damaged' }], { timeZone: 'Europe/Berlin' }));
    const document = JSON.parse(readFileSync(path, 'utf8'));
    expect(Object.keys(document).toSorted()).toEqual(Object.keys(schema.properties).toSorted());
    expect(document.version).toBe(schema.properties.version.const);
    const declared = Object.keys(schema.$defs.entry.properties);
    for (const exported of document.entries) {
      expect(declared).toEqual(expect.arrayContaining(Object.keys(exported)));
      expect(Object.keys(exported)).toEqual(expect.arrayContaining(schema.$defs.entry.required));
      for (const field of ['createdAt', 'updatedAt', 'eventCreatedAt']) {
        expect(exported[`${field}Utc`]).toBe(exported[field] === null ? null : new Date(exported[field]).toISOString());
        expect(exported[`${field}Local`]).toEqual(exported[field] === null ? null : expect.stringMatching(/^1970-01-01T01:00:00\.00\d\+01:00$/));
      }
    }
  });

  it('escapes unicode, control characters, quotes and huge bodies losslessly', async () => {
    const path = join(temp(), 'out.json');
    const tricky = entry(1, { text: 'Zoë 🎉 \u0000\u0001\u001f "quoted" \\ back\nline\u2028sep', emoji: '👩‍💻' }, 'x'.repeat(3_000_000));
    await writeExport(job(path, [tricky]));
    expect(JSON.parse(readFileSync(path, 'utf8')).entries[0]).toEqual(withTimes(tricky));
  });

  it('writes NDJSON: one entry per line', async () => {
    const path = join(temp(), 'out.ndjson');
    const entries = [entry(1, { a: 'line\nbreak' }), entry(2)];
    await writeExport(job(path, entries, { format: 'ndjson' }));
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(entries.map(withTimes));
  });

  it('cancel removes the partial file and says so', async () => {
    const folder = temp();
    const controller = new AbortController();
    function* entries() {
      for (let i = 1; i <= 10_000; i += 1) {
        if (i === 5000) controller.abort();
        yield entry(i);
      }
    }
    await expect(writeExport(job(join(folder, 'out.json'), entries(), { signal: controller.signal }))).rejects.toMatchObject({ code: 'cancelled' });
    expect(readdirSync(folder)).toEqual([]);
  });

  it.each([
    ['ENOSPC', 'The disk is full'],
    ['EACCES', 'permission denied'],
  ])('%s: the partial file is removed and the reason given', async (code, message) => {
    const folder = temp();
    let opened = '';
    const failing = (path: string) => {
      opened = path;
      let written = 0;
      // A real file underneath, so we can see it removed; the error comes part way through.
      const file = path;
      return new Writable({
        write(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          appendFileSync(file, chunk);
          if (written > 50_000) callback(Object.assign(new Error(`${code}: simulated`), { code }));
          else callback();
        },
      });
    };
    const entries = Array.from({ length: 2000 }, (_, i) => entry(i + 1, { padding: 'p'.repeat(100) }));
    const error = await writeExport(job(join(folder, 'out.json'), entries, { open: failing })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).message).toContain(message);
    expect(opened).toMatch(/[\\/]\.out\.json\.[0-9a-f]{12}\.partial$/);
    expect(existsSync(opened)).toBe(false);
    expect(existsSync(join(folder, 'out.json'))).toBe(false);
  });

  it('never follows or removes a file the user already has at <path>.partial (a symlink included)', async () => {
    const folder = temp();
    const victim = join(folder, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(folder, 'out.json.partial'));
    writeFileSync(join(folder, 'mine.json.partial'), 'the user\'s own file');
    await writeExport(job(join(folder, 'out.json'), [entry(1)]));
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(writeExport(job(join(folder, 'mine.json'), [entry(1)], { signal: cancelled.signal }))).rejects.toMatchObject({ code: 'cancelled' });
    expect(readFileSync(join(folder, 'mine.json.partial'), 'utf8')).toBe('the user\'s own file');
    expect(readdirSync(folder).filter((name) => name.endsWith('.partial') && name.startsWith('.'))).toEqual([]);
  });

  it('a second export is refused while the first one\'s save dialog is still open', async () => {
    const folder = temp();
    const { history, dispose } = tempHistory();
    try {
      let answer: (path: string | null) => void = () => {};
      const exports = new ExportService({ history, profile: 'default', clock: new FakeClock(), progress: () => {}, chooseSavePath: () => new Promise((resolve) => (answer = resolve)) });
      const first = exports.export({ filter: EMPTY_FILTER, ids: null, format: 'json' });
      await expect(exports.export({ filter: EMPTY_FILTER, ids: null, format: 'json' })).rejects.toMatchObject({ code: 'busy' });
      answer(join(folder, 'one.json'));
      expect(await first).toEqual({ path: join(folder, 'one.json'), count: 0 });
    } finally {
      dispose();
    }
  });

  it('a folder that does not exist is explained', async () => {
    await expect(writeExport(job(join(temp(), 'missing', 'out.json'), [entry(1)]))).rejects.toMatchObject({ code: 'write_failed', message: expect.stringContaining('does not exist') });
  });
});
