import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/main/storage/database.ts';
import { HistoryRepository } from '../src/main/history/history-repository.ts';
import { ShapeLearner } from '../src/main/history/shape-learner.ts';
import { EMPTY_FILTER, type HistoryFilter } from '../src/shared/history.ts';
import { seedHistory } from './history-seed.ts';
import { ms, summarize } from './stats.ts';

const ENTRIES = Number(process.env.BENCH_HISTORY_ENTRIES ?? 1_000_000);
const RUNS = 20;

/** The history at a million entries: seeding, first pages per filter, export, size on disk. */
export async function benchHistory(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'event-desk-bench-history-'));
  const path = join(folder, 'history.sqlite');
  try {
    const db = openDatabase(path);
    const end = Date.UTC(2026, 10, 25);
    let started = performance.now();
    seedHistory(db, ENTRIES, end);
    const seedSeconds = (performance.now() - started) / 1000;
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const history = new HistoryRepository(db);
    const firstPage = (filter: HistoryFilter) => {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i += 1) {
        started = performance.now();
        rows = history.page(50, null, 'default', filter).entries.length;
        times.push(performance.now() - started);
      }
      return { ...summarize(times), rows };
    };
    const counted = (filter: HistoryFilter) => {
      started = performance.now();
      const n = history.count('default', filter);
      return { n, time: performance.now() - started };
    };
    const cases: [string, HistoryFilter, number][] = [
      ['no filter', EMPTY_FILTER, 20],
      ['outcome = rate limited', { ...EMPTY_FILTER, outcomes: ['rate_limited'] }, 20],
      ['customer = 1234', { ...EMPTY_FILTER, customer: 1234 }, 20],
      ['date range (one week, mid-year)', { ...EMPTY_FILTER, from: end - 180 * 86_400_000, to: end - 173 * 86_400_000 }, 20],
      ['event name = Coupon applied', { ...EMPTY_FILTER, name: 'Coupon applied' }, 20],
      ['text "damaged"', { ...EMPTY_FILTER, text: 'damaged' }, 100],
      ['text "zoe called" (accents folded)', { ...EMPTY_FILTER, text: 'zoe called' }, 100],
      ['text + outcome + customer', { ...EMPTY_FILTER, text: 'refund', outcomes: ['sent'], customer: 1234 }, 100],
    ];
    console.log(`\n## History at ${ENTRIES.toLocaleString('en')} entries`);
    console.log(`Seeding: ${Math.round(ENTRIES / seedSeconds).toLocaleString('en')} entries/s (${seedSeconds.toFixed(1)} s, FTS and name index kept by triggers)`);
    console.log('| first page of 50 | median | p95 | target | matching (count) | count time |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const [label, filter, target] of cases) {
      const page = firstPage(filter);
      const count = counted(filter);
      console.log(`| ${label} | ${ms(page.median)} | ${ms(page.p95)} | ≤ ${target} ms ${page.median <= target ? '✓' : '✗'} | ${count.n.toLocaleString('en')} | ${ms(count.time)} |`);
    }
    // Learned shapes: the first suggestions after an event name is chosen (target ≤ 50 ms at 1M).
    const learner = new ShapeLearner(db);
    const shapeTimes: number[] = [];
    for (const name of ['Refund issued', 'Call made', 'Plan upgraded', 'Invoice sent', 'Demo booked', 'Refund issued', 'Call made', 'Survey answered', 'Bug reported', 'Trial extended']) {
      const shapeStarted = performance.now();
      learner.shape('default', name);
      shapeTimes.push(performance.now() - shapeStarted);
    }
    const shape = summarize(shapeTimes);
    console.log(`Learned shape of an event name (the last 200 sends through the (profile, name, id) index): median ${ms(shape.median)}, p95 ${ms(shape.p95)} — target ≤ 50 ms ${shape.p95 <= 50 ? '✓' : '✗'}`);
    db.close();
    const bytes = statSync(path).size;
    console.log(`Database: ${(bytes / 1024 / 1024).toFixed(0)} MB, ${Math.round(bytes / ENTRIES)} bytes per entry (data, response, FTS index and filter indexes)`);

    console.log(`\n| export all ${ENTRIES.toLocaleString('en')} to JSON | time | peak RSS growth | file |`);
    console.log('| --- | --- | --- | --- |');
    for (const mode of ['streamed', 'naive'] as const) {
      const out = join(folder, `${mode}.json`);
      try {
        const result = JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=16384', join(import.meta.dirname, 'export-child.ts'), path, out, mode], { encoding: 'utf8' })) as { seconds: number; peakGrowthMb: number; failed: string | null };
        const label = mode === 'streamed' ? 'Event Desk (streamed, keyset pages)' : 'naive (all rows, JSON.stringify, write)';
        const file = result.failed ? `FAILED after ${result.seconds.toFixed(1)} s: ${result.failed}` : `${(statSync(out).size / 1024 / 1024).toFixed(0)} MB`;
        console.log(`| ${label} | ${result.seconds.toFixed(1)} s | ${result.peakGrowthMb.toFixed(0)} MB | ${file} |`);
      } catch (error) {
        console.log(`| ${mode} | failed: ${(error as Error).message.split('\n')[0]} | | |`);
      }
      rmSync(out, { force: true });
    }
    console.log('Targets: export ≤ 20 s and RSS growth ≤ 150 MB (streamed).');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
