import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/storage/database.ts';

const WORKERS = 4;
const ROUNDS = 100;

describe('the duplicate guard under concurrent connections', () => {
  it('four connections sending the same event at the same moment write one row per event, and the others are told it is in flight', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'event-desk-guard-race-'));
    const path = join(folder, 'history.sqlite');
    // Created (and migrated) before the racers open it.
    openDatabase(path).close();
    const barrier = new SharedArrayBuffer(ROUNDS * 4);
    try {
      const results = await Promise.all(
        Array.from({ length: WORKERS }, (_, index) => {
          const worker = new Worker(new URL('./guard-racer.ts', import.meta.url), { workerData: { path, rounds: ROUNDS, workers: WORKERS, index, barrier } });
          return new Promise<{ passed: number[]; refused: string[] }>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
          });
        }),
      );
      const passed = results.flatMap((result) => result.passed).toSorted((a, b) => a - b);
      expect(passed).toEqual(Array.from({ length: ROUNDS }, (_, round) => round));
      expect(results.flatMap((result) => result.refused)).toEqual(Array.from({ length: ROUNDS * (WORKERS - 1) }, () => 'in-flight'));
      const db = openDatabase(path);
      const rows = db.prepare("SELECT count(*) AS n, count(DISTINCT fingerprint) AS prints FROM sends WHERE outcome = 'sending'").get() as { n: number; prints: number };
      db.close();
      expect(rows).toEqual({ n: ROUNDS, prints: ROUNDS });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    // Four threads and a barrier per round: a loaded machine stretches it well past the default.
  }, 60_000);
});
