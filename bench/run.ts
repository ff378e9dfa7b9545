// `npm run bench` (every figure, at full size) and `npm run bench:smoke` (`--smoke`: the targets' ratios
// at a small size, with slack for a loaded CI machine). Figures print as they are measured; the targets
// table comes last, and the exit code is 1 when any target is missed (bench/targets.ts).
import { loadavg } from 'node:os';

const smoke = process.argv.includes('--smoke');
if (smoke) {
  // Sizes are read when the modules load, so they are set before the dynamic imports below.
  process.env.BENCH_HISTORY_ENTRIES ??= '100000';
  process.env.BENCH_STARTUP_RUNS ??= '5';
  process.env.BENCH_SENDS ??= '1000';
  process.env.BENCH_PLAN_LINES ??= '100000';
  process.env.BENCH_PAINT_RUNS ??= '3';
  process.env.BENCH_SCROLL_ENTRIES ??= '100000';
  process.env.BENCH_OPEN_ROUNDS ??= '30';
  process.env.BENCH_OVERVIEW_SENDS ??= '100000';
}

const { summarizeTargets } = await import('./targets.ts');
const { benchSendOverhead } = await import('./send-overhead.ts');
const { benchStartup } = await import('./startup.ts');
const { benchFirstPaint } = await import('./first-paint.ts');
const { benchConcurrentOpen } = await import('./concurrent-open.ts');
const { benchPlanOverview } = await import('./plan-overview.ts');

const started = performance.now();
console.log(`Event Desk benchmarks${smoke ? ' (smoke)' : ''} — Node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()[0]!.toFixed(1)}`);
if (smoke) {
  await benchSendOverhead(0);
  await benchStartup();
  await benchConcurrentOpen();
  await benchPlanningIfPresent();
  await benchPlanOverview();
  await benchFirstPaint();
  await benchScroll();
} else {
  const { benchCliStart } = await import('./cli-start.ts');
  const { benchHistory } = await import('./history.ts');
  const { benchPicker } = await import('./picker.ts');
  const { benchReplay } = await import('./replay.ts');
  const { benchSharedBudget } = await import('./shared-budget.ts');
  const { benchTemplates } = await import('./templates.ts');
  // On loopback with no latency the baseline is a fraction of a millisecond, so the ratio shows the
  // app's fixed cost at its most visible; 30 ms stands in for a fast real round trip to HelpCrunch.
  await benchSendOverhead(0);
  await benchSendOverhead(30, 300);
  await benchCliStart();
  await benchStartup();
  await benchConcurrentOpen();
  await benchSharedBudget();
  await benchReplay();
  await benchPlanningIfPresent();
  await benchPlanOverview();
  benchTemplates();
  await benchPicker();
  await benchFirstPaint();
  await benchHistory();
  await benchScroll();
}
const missed = summarizeTargets(smoke);
console.log(`\n${missed === 0 ? 'Every target met' : `${missed} target(s) missed`} — ${((performance.now() - started) / 1000).toFixed(0)} s, load average now ${loadavg()[0]!.toFixed(1)}.`);
process.exitCode = missed === 0 ? 0 : 1;

async function benchPlanningIfPresent(): Promise<void> {
  const module = (await import('./replay.ts')) as { benchPlanning?: (lines?: number) => Promise<unknown> };
  if (module.benchPlanning) await module.benchPlanning(Number(process.env.BENCH_PLAN_LINES ?? 1_000_000));
}

async function benchScroll(): Promise<void> {
  const { benchHistoryScroll } = await import('./history-scroll.ts');
  await benchHistoryScroll();
}
