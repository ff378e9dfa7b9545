import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core/index.ts';
import { memorySecretStore } from '../tools/secret-stores.ts';
import { seedOldHistory } from './history-seed.ts';
import { ms, summarize } from './stats.ts';
import { check } from './targets.ts';

const ENTRIES = Number(process.env.BENCH_HISTORY_ENTRIES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);

/**
 * Start-up against history size: opening the core (database, migrations, recovery, every account's
 * services) and reading the first history page, on a history an older release left (no
 * fingerprints: the upgrade case) versus an empty profile, alternating. Target: ≤ 1.5×.
 */
export async function benchStartup(): Promise<boolean> {
  const big = mkdtempSync(join(tmpdir(), 'event-desk-bench-start-'));
  const empty = mkdtempSync(join(tmpdir(), 'event-desk-bench-start-empty-'));
  try {
    let started = performance.now();
    seedOldHistory(big, ENTRIES);
    const seedSeconds = (performance.now() - started) / 1000;
    createCore({ userDataDir: empty, secretStore: memorySecretStore() }).close();
    const open = (folder: string) => {
      const begin = performance.now();
      const core = createCore({ userDataDir: folder, secretStore: memorySecretStore() });
      const page = core.history.page(50, null, 'default');
      const time = performance.now() - begin;
      const pending = core.history.fingerprintsPending();
      core.close();
      if (folder === big && page.entries.length !== 50) throw new Error('first page missing');
      return { time, pending };
    };
    const times = { big: [] as number[], empty: [] as number[] };
    let pendingAtFirstPage = false;
    for (let i = 0; i < RUNS; i += 1) {
      for (const which of i % 2 === 0 ? (['big', 'empty'] as const) : (['empty', 'big'] as const)) {
        const result = open(which === 'big' ? big : empty);
        times[which].push(result.time);
        if (which === 'big' && i === 0) pendingAtFirstPage = result.pending;
      }
    }
    // The background backfill alone, to completion, for the record (the window is usable meanwhile).
    started = performance.now();
    const core = createCore({ userDataDir: big, secretStore: memorySecretStore() });
    const keepAlive = setInterval(() => {}, 1000); // the backfill's timers are unref'd
    await core.backfilled;
    clearInterval(keepAlive);
    const backfillSeconds = (performance.now() - started) / 1000;
    core.close();
    const b = summarize(times.big);
    const e = summarize(times.empty);
    const ratio = b.median / e.median;
    console.log(`\n## Start-up: open + first history page, ${ENTRIES.toLocaleString('en')} entries from an older release vs an empty profile (median of ${RUNS})`);
    console.log(`Seeded in ${seedSeconds.toFixed(1)} s (bulk INSERT, no fingerprints); fingerprints still pending at the first page: ${pendingAtFirstPage ? 'yes' : 'no'}`);
    console.log('| profile | median | p95 |');
    console.log('| --- | --- | --- |');
    console.log(`| ${ENTRIES.toLocaleString('en')} entries | ${ms(b.median)} | ${ms(b.p95)} |`);
    console.log(`| empty (floor) | ${ms(e.median)} | ${ms(e.p95)} |`);
    console.log(`Ratio ${ratio.toFixed(2)}× — target ≤ 1.5× ${ratio <= 1.5 ? '✓' : '✗'}. Background fingerprint backfill (2,000 ids per step): ${backfillSeconds.toFixed(1)} s to finish.`);
    return check({ name: `Start-up at ${ENTRIES.toLocaleString('en')} entries (open + first page)`, value: b.median, floor: e.median, unit: 'ms', limit: 1.5, smokeLimit: 3 });
  } finally {
    rmSync(big, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchStartup();
