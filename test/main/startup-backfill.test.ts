import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import { fingerprint } from '../../src/main/replay/fingerprint.ts';
import { Checkpointer } from '../../src/main/storage/checkpointer.ts';
import { memorySecretStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { seedOldHistory } from '../../bench/history-seed.ts';

const temp = tempFoldersFor('event-desk-backfill-');

const refund = (i: number) => ({ name: 'Refund issued', customer: 1000 + (i % 5000), data: { amount: i, currency: 'EUR' } });

describe('start-up at any history size', () => {
  it('a 300k-entry history from an older release opens and serves its first page before the fingerprint backfill finishes, and the guard still refuses what those rows delivered', { timeout: 300_000 }, async () => {
    const folder = temp();
    seedOldHistory(folder, 300_000);
    const started = performance.now();
    const core = createCore({ userDataDir: folder, secretStore: memorySecretStore() });
    try {
      const page = core.history.page(50, null, 'default');
      const openedMs = performance.now() - started;
      expect(page.entries).toHaveLength(50);
      expect(page.entries[0]!.id).toBe(300_000);
      // The backfill has not run yet (it starts on the next turn of the event loop and takes many).
      expect(core.history.fingerprintsPending()).toBe(true);
      expect(openedMs).toBeLessThan(3000);

      // Let a few batches run, then send events identical to rows the backfill has not reached.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(core.history.fingerprintsPending()).toBe(true);
      const unprinted = 299_999;
      const record = (i: number, allow = false) => {
        const event = refund(i);
        return core.history.recordSending('default', event, Date.now(), null, null, fingerprint(event), allow);
      };
      // Delivered, not printed yet: refused.
      expect(record(unprinted)).toEqual({ duplicateOf: expect.objectContaining({ id: 299_999, state: 'delivered', eventId: 500_000 + 299_999 }) });
      // Unknown outcome (may have landed), not printed yet: refused.
      expect(record(97 * 3001)).toEqual({ duplicateOf: expect.objectContaining({ id: 97 * 3001, state: 'unknown' }) });
      // Rejected (it did not land): allowed; so is new data, and a duplicate the user asked for.
      expect(record(50 * 5000)).toHaveProperty('id');
      expect(record(400_000)).toHaveProperty('id');
      expect(record(299_998, true)).toHaveProperty('id');

      // The rest at once (the background loop, a step per turn, would take seconds more on a loaded machine).
      core.history.backfillFingerprints(50_000);
      await core.backfilled;
      expect(core.history.fingerprintsPending()).toBe(false);
      // Afterwards the partial index alone refuses them.
      expect(record(299_997)).toEqual({ duplicateOf: expect.objectContaining({ id: 299_997, state: 'delivered' }) });
      expect(record(1)).toEqual({ duplicateOf: expect.objectContaining({ id: 1, state: 'delivered' }) });
    } finally {
      core.close();
    }
    const db = new DatabaseSync(join(folder, 'history.sqlite'));
    try {
      expect(db.prepare('SELECT count(*) AS n FROM sends WHERE fingerprint IS NULL').get()).toEqual({ n: 0 });
      expect(db.prepare(`SELECT value FROM app_state WHERE key = 'fingerprint_backfill'`).get()).toEqual({ value: 'done' });
    } finally {
      db.close();
    }
  });

  it('a backfill stopped half-way goes on from its cursor at the next start, and a new history has nothing to fill', async () => {
    const folder = temp();
    seedOldHistory(folder, 5000);
    let core = createCore({ userDataDir: folder, secretStore: memorySecretStore() });
    core.close();
    core = createCore({ userDataDir: folder, secretStore: memorySecretStore() });
    try {
      const step = core.history.backfillStep(1000);
      expect(step).toMatchObject({ done: false, cursor: 1000, end: 5000 });
      const event = refund(4001);
      expect(core.history.recordSending('default', event, Date.now(), null, null, fingerprint(event), false)).toHaveProperty('duplicateOf');
    } finally {
      core.close();
    }
    core = createCore({ userDataDir: folder, secretStore: memorySecretStore() });
    try {
      expect(core.history.backfillStep(1000)).toMatchObject({ done: false, cursor: 2000, end: 5000 });
      await core.backfilled;
      expect(core.history.fingerprintsPending()).toBe(false);
    } finally {
      core.close();
    }
    const fresh = createCore({ userDataDir: temp(), secretStore: memorySecretStore() });
    try {
      expect(fresh.history.fingerprintsPending()).toBe(false);
    } finally {
      fresh.close();
    }
  });
});

describe('the WAL checkpoint runs off the send path', () => {
  it('after a quiet period, and while writes go on at least every maxIntervalMs', { timeout: 60_000 }, () => {
    const db = new DatabaseSync(join(temp(), 'wal.sqlite'));
    db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x);');
    const checkpointer = new Checkpointer(db, { quietMs: 60_000, maxIntervalMs: 5000 });
    checkpointer.start();
    try {
      const walPages = () => (db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get() as { log: number }).log;
      const insert = db.prepare('INSERT INTO t VALUES (?)');
      db.exec('BEGIN');
      for (let i = 0; i < 3000; i += 1) insert.run('x'.repeat(500));
      db.exec('COMMIT');
      // The automatic checkpoint is off: the WAL holds every page since.
      expect(checkpointer.tick(1)).toBe(false); // writes since the last look: not quiet
      expect(checkpointer.tick(2)).toBe(true); // quiet: checkpointed
      expect(checkpointer.tick(3)).toBe(false); // nothing new
      insert.run('y');
      expect(checkpointer.tick(4)).toBe(false);
      insert.run('z');
      expect(checkpointer.tick(10_000)).toBe(true); // still writing, but overdue
      expect(walPages()).toBeGreaterThan(0);
    } finally {
      checkpointer.stop();
      db.close();
    }
  });
});
