import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryRepository } from '../../src/main/history/history-repository.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import { RunRegistry, STALE_AFTER_MS } from '../../src/main/storage/run-registry.ts';
import { EMPTY_FILTER } from '../../src/shared/history.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { outcome } from '../support/history-fixture.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-runs-');
const event = { name: 'Call made', customer: 1001, data: {} };

describe('crash recovery touches only dead runs', () => {
  it('a live run\'s "sending" row is left alone; a dead run\'s becomes unknown', () => {
    const path = join(temp(), 'history.sqlite');
    const clock = new FakeClock();
    const alive = new Set<number>([1, 3]);
    const isAlive = (pid: number) => alive.has(pid);
    const app = new RunRegistry(openDatabase(path), { clock, kind: 'app', pid: 1, isAlive });
    const cli = new RunRegistry(openDatabase(path), { clock, kind: 'cli', pid: 2, isAlive });
    app.start();
    cli.start();
    const history = new HistoryRepository(openDatabase(path));
    const appRow = history.insertSending('default', event, clock.now(), app.id);
    const cliRow = history.insertSending('default', event, clock.now(), cli.id);
    const legacyRow = history.insertSending('default', event, clock.now(), null);

    // The CLI (pid 2) was killed; a new process (pid 3) starts and recovers.
    const next = new RunRegistry(openDatabase(path), { clock, kind: 'cli', pid: 3, isAlive });
    next.start();
    const live = next.liveRunIds();
    expect(live.toSorted()).toEqual([app.id, next.id].toSorted());
    expect(history.markInterruptedAsUnknown(clock.now(), live)).toBe(2);
    next.forgetDead(live);
    expect(history.get(appRow)!.outcome).toBe('sending');
    expect(history.get(cliRow)!.outcome).toBe('unknown');
    expect(history.get(legacyRow)!.outcome).toBe('unknown');
    expect(next.liveRunIds().toSorted()).toEqual([app.id, next.id].toSorted());
  });

  it('a run that stopped beating is gone even if its pid was reused', () => {
    const path = join(temp(), 'history.sqlite');
    const clock = new FakeClock();
    const old = new RunRegistry(openDatabase(path), { clock, kind: 'app', pid: 7, isAlive: () => true });
    old.start();
    clock.time += STALE_AFTER_MS + 1;
    const next = new RunRegistry(openDatabase(path), { clock, kind: 'app', pid: 8, isAlive: () => true });
    next.start();
    expect(next.liveRunIds()).toEqual([next.id]);
  });
});

describe('full-text indexing off the send path', () => {
  it('a completed send is not indexed by the send, but a text search finds it at once', () => {
    const path = join(temp(), 'history.sqlite');
    const db = openDatabase(path);
    const history = new HistoryRepository(db);
    const id = history.insertSending('default', { ...event, data: { note: 'zebra crossing' } }, 1, 'run');
    history.complete({ id, profile: 'default', createdAt: 1, request: { ...event, data: { note: 'zebra crossing' } } }, outcome(), 2);
    // (External-content FTS reads count(*) from the content table: ask the index itself.)
    const indexed = () => (db.prepare(`SELECT count(*) AS n FROM sends_fts WHERE sends_fts MATCH 'zebra'`).get() as { n: number }).n;
    expect(indexed()).toBe(0);
    expect(history.page(10, null, 'default', { ...EMPTY_FILTER, text: 'zebra' }).entries.map((entry) => entry.id)).toEqual([id]);
    expect(indexed()).toBe(1);
    // Deleting an indexed row removes it from the index too.
    history.delete('default', [id]);
    expect(history.count('default', { ...EMPTY_FILTER, text: 'zebra' })).toBe(0);
  });
});
