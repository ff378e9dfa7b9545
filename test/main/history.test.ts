import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/main/storage/database.ts';
import { HistoryRepository, UNKNOWN_OUTCOME_MESSAGE } from '../../src/main/history/history-repository.ts';
import { migrations } from '../../src/main/storage/migrations.ts';
import { startMockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';

const event = { name: 'Call made', customer: 1001, data: { minutes: 5 } };
const folders: string[] = [];
function tempFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'event-desk-history-'));
  folders.push(folder);
  return join(folder, 'history.sqlite');
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const sent = { outcome: 'sent' as const, disposition: 'delivered' as const, httpStatus: 200, responseBody: '{"id":7}', message: null, errors: [], eventId: 7, eventCreatedAt: 1_700_000_000_000, attempts: 1, durationMs: 12.4 };

describe('history database', () => {
  it('creates the schema on an empty file, in WAL mode, and records the version', () => {
    const db = openDatabase(tempFile());
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(migrations.length);
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    db.close();
  });

  it('reopening applies nothing twice', () => {
    const path = tempFile();
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(migrate(db)).toBe(migrations.length);
    db.close();
  });

  it('rolls back a failing step and keeps the version where it was', () => {
    const db = new DatabaseSync(':memory:');
    expect(() => migrate(db, ['CREATE TABLE a (x)', 'CREATE TABLE b (y); THIS IS NOT SQL'])).toThrow();
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
  });

  it('refuses a database from a newer version instead of damaging it', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA user_version = 99');
    expect(() => migrate(db)).toThrow(/newer Event Desk/);
  });

  it('writes "sending" first and completes it with the outcome', () => {
    const history = new HistoryRepository(openDatabase(tempFile()));
    const id = history.insertSending('default', event, 1000);
    expect(history.get(id)).toMatchObject({ outcome: 'sending', request: event, attempts: 0, httpStatus: null });
    const returned = history.complete({ id, profile: 'default', createdAt: 1000, request: event }, sent, 2000);
    expect(history.get(id)).toEqual(returned);
    expect(history.get(id)).toMatchObject({ outcome: 'sent', eventId: 7, httpStatus: 200, durationMs: 12, updatedAt: 2000, createdAt: 1000 });
  });

  it('pages newest first without gaps or duplicates while rows arrive', () => {
    const history = new HistoryRepository(openDatabase(tempFile()));
    for (let i = 0; i < 25; i += 1) history.insertSending('default', { ...event, name: `e${i}` }, i);
    const first = history.page(10, null);
    expect(first.entries.map((e) => e.request.name)).toEqual(['e24', 'e23', 'e22', 'e21', 'e20', 'e19', 'e18', 'e17', 'e16', 'e15']);
    history.insertSending('default', { ...event, name: 'late' }, 99);
    const second = history.page(10, first.nextBeforeId);
    const third = history.page(10, second.nextBeforeId);
    const names = [...first.entries, ...second.entries, ...third.entries].map((e) => e.request.name);
    expect(names).toHaveLength(25);
    expect(new Set(names).size).toBe(25);
    expect(third.nextBeforeId).toBeNull();
  });

  it('a process killed mid-send leaves "sending", which reads back as "unknown" on the next start', async () => {
    const mock = await startMockServer();
    mock.injectFault({ kind: 'hang' });
    const path = tempFile();
    const child = spawn(process.execPath, [join(import.meta.dirname, '../support/send-then-hang.ts'), path, mock.url, mock.apiKey], { stdio: 'inherit' });
    try {
      // Wait until the request has reached the server: the row must already be on disk.
      for (let i = 0; i < 200 && mock.received.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(mock.received).toHaveLength(1);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    } finally {
      await mock.close();
    }
    const history = new HistoryRepository(openDatabase(path));
    expect(history.page(10, null).entries[0]).toMatchObject({ outcome: 'sending', request: event });
    expect(history.markInterruptedAsUnknown(5000)).toBe(1);
    expect(history.page(10, null).entries[0]).toMatchObject({ outcome: 'unknown', message: UNKNOWN_OUTCOME_MESSAGE, request: event });
    expect(history.markInterruptedAsUnknown(6000)).toBe(0);
  });

  it('never stores the API key or an Authorization header', async () => {
    const mock = await startMockServer();
    const path = tempFile();
    const { createServices } = await import('../../src/main/services.ts');
    const secret = mock.apiKey;
    const services = createServices({
      userDataDir: join(path, '..'),
      env: { HELPCRUNCH_API_URL: mock.url },
      secretStore: fixedKeyStore(secret),
      emit: () => {},
    });
    const result = await services.handlers['events:send'](event);
    expect(result).toMatchObject({ ok: true, value: { outcome: 'sent' } });
    services.close();
    await mock.close();
    const db = new DatabaseSync(path);
    const dump = JSON.stringify(db.prepare('SELECT * FROM sends').all());
    expect(dump).toContain('Call made');
    expect(dump).not.toContain(secret);
    expect(dump.toLowerCase()).not.toContain('bearer');
  });
});
