import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '../tools/mock-api/server.ts';

/**
 * Three processes × 100 events against a mock enforcing 300/min over a sliding 60 s window, every
 * process budgeting 300/min on one user-data folder. Beside it, the obvious alternative: each
 * process with its own budget (a separate folder each), which is what a per-process limiter does.
 */
export async function benchSharedBudget(perMinute = 300, processes = 3, each = Number(process.env.BENCH_BUDGET_EVENTS ?? 100)): Promise<void> {
  console.log(`\n## Shared rate budget: ${processes} processes × ${each} events, mock enforcing ${perMinute}/min (sliding 60 s), budget ${perMinute}/min`);
  console.log('| budget | wall time | combined rate | of budget | 429 answers | most in any 60 s |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const shared of [true, false]) {
    const mock = await startMockServer({ rateLimitPerMinute: perMinute });
    const folders = Array.from({ length: processes }, (_, index) => (shared && index > 0 ? null : mkdtempSync(join(tmpdir(), 'event-desk-bench-budget-'))));
    const started = performance.now();
    await Promise.all(
      folders.map((folder, index) => {
        const dir = folder ?? folders[0]!;
        return new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, [join(import.meta.dirname, 'budget-child.ts'), dir, mock.url, mock.apiKey, String(each), String(perMinute), String(index)], { stdio: ['ignore', 'ignore', 'inherit'] });
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`budget child exited ${code}`))));
        });
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const times = [...mock.admitted];
    const busiest = mock.busiestWindow(60_000);
    // The rate over the run: the first request is at 0, so n requests span n - 1 intervals.
    const span = (times.at(-1)! - times[0]!) / 1000;
    const rate = ((times.length - 1) / span) * 60;
    console.log(`| ${shared ? 'Event Desk (one budget in SQLite)' : 'one budget per process'} | ${seconds.toFixed(1)} s | ${rate.toFixed(0)}/min | ${((rate / perMinute) * 100).toFixed(1)}% | ${mock.rateLimited} | ${busiest} |`);
    await mock.close();
    for (const folder of folders) if (folder) rmSync(folder, { recursive: true, force: true });
  }
}
