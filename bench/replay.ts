import { spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createCore } from '../src/main/core/index.ts';
import { startMockServer, type MockServer } from '../tools/mock-api/server.ts';
import { startMockProcess } from './mock-process.ts';
import { fixedKeyStore } from '../tools/secret-stores.ts';
import { fingerprint } from '../src/main/replay/fingerprint.ts';
import { summarize } from './stats.ts';
import { check } from './targets.ts';
import { Workspace } from '../src/main/plan/workspace.ts';
import type { EventDefinition } from '../src/shared/plan.ts';

const child = join(import.meta.dirname, 'replay-child.ts');
/** Events in the pacing benchmarks (smaller to check they run; the figures are for 300). */
const EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 300);

function runChild(args: string[]): Record<string, number> {
  const result = spawnSync(process.execPath, [child, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`replay bench child failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
}

/** Postman/Bruno-style: a fixed delay between requests, 429s not retried (they are lost). */
async function fixedDelayRunner(mock: MockServer, count: number, delayMs: number): Promise<{ delivered: number }> {
  let delivered = 0;
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${mock.url}/events`, { method: 'POST', headers: { Authorization: `Bearer ${mock.apiKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Fixed delay', customer: 1001, data: { i } }) });
    await response.text();
    if (response.status === 200) delivered += 1;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  return { delivered };
}

async function eventDeskRunner(mock: MockServer, count: number, perMinute: number): Promise<{ delivered: number; duplicates: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'event-desk-bench-replay-'));
  const core = createCore({ userDataDir: folder, secretStore: fixedKeyStore(mock.apiKey), apiBaseUrl: mock.url, requestsPerMinute: perMinute });
  const file = join(folder, 'events.ndjson');
  const out = createWriteStream(file);
  for (let i = 0; i < count; i += 1) out.write(`${JSON.stringify({ name: 'Event Desk', customer: 1001, data: { i } })}\n`);
  out.end();
  await once(out, 'finish');
  const plan = await core.activeScope().replay.planFile(file, { sendDuplicates: false, ratePerMinute: null });
  await core.activeScope().replay.start(plan.job.id).finished;
  const counts = core.activeScope().replay.get(plan.job.id).counts;
  core.close();
  rmSync(folder, { recursive: true, force: true });
  const bodies = mock.received.filter((request) => request.path === '/v1/events').map((request) => JSON.stringify(request.body));
  return { delivered: counts.sent ?? 0, duplicates: bodies.length - new Set(bodies).size - mock.rateLimited };
}

export async function benchReplay(): Promise<void> {
  // 1. Pacing at the budget.
  console.log(`\n## Replay pacing: ${EVENTS} events, budget 600/min, mock enforcing 600/min (sliding 60 s)`);
  console.log('| runner | wall time | rate | of budget | 429 answers | delivered | most in any 60 s |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const name of ['Event Desk (shared budget, batch priority)', 'fixed delay 100 ms (Postman/Bruno style)']) {
    const mock = await startMockServer({ rateLimitPerMinute: 600 });
    const started = performance.now();
    const result = name.startsWith('Event') ? await eventDeskRunner(mock, EVENTS, 600) : await fixedDelayRunner(mock, EVENTS, 100);
    const seconds = (performance.now() - started) / 1000;
    const times = [...mock.admitted];
    const rate = ((times.length - 1) / ((times.at(-1)! - times[0]!) / 1000)) * 60;
    console.log(`| ${name} | ${seconds.toFixed(1)} s | ${rate.toFixed(0)}/min | ${((rate / 600) * 100).toFixed(1)}% | ${mock.rateLimited} | ${result.delivered} | ${mock.busiestWindow(60_000)} |`);
    await mock.close();
  }

  // 2. A server stricter than the budget (another desktop on the account). The window is scaled
  // down (40 per 6 s = 400/min) so 300 events cross it several times in under a minute.
  console.log(`\n## Stricter server: budget 600/min, mock enforcing 400/min (40 per sliding 6 s), ${EVENTS} events`);
  console.log('| runner | wall time | rate over the run | of 400/min | 429 answers | delivered | lost | duplicated |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const name of ['Event Desk (adaptive pace, 429 backoff)', 'fixed delay 100 ms (Postman/Bruno style)']) {
    const mock = await startMockServer({ rateLimitPerMinute: 40, rateWindowMs: 6000 });
    const started = performance.now();
    const result = name.startsWith('Event') ? await eventDeskRunner(mock, EVENTS, 600) : { ...(await fixedDelayRunner(mock, EVENTS, 100)), duplicates: 0 };
    const seconds = (performance.now() - started) / 1000;
    const rate = (result.delivered / seconds) * 60;
    console.log(`| ${name} | ${seconds.toFixed(1)} s | ${rate.toFixed(0)}/min | ${((rate / 400) * 100).toFixed(1)}% | ${mock.rateLimited} | ${result.delivered} | ${EVENTS - result.delivered} | ${result.duplicates} |`);
    await mock.close();
  }

  // 3. Engine cost per item. (Planning a large file is benchPlanning, below: bench/run.ts calls it on its own.)
  const mock = await startMockProcess();
  const engineFolder = mkdtempSync(join(tmpdir(), 'event-desk-bench-engine-'));
  const engine = runChild(['engine', engineFolder, mock.url, mock.key, '2000']);
  mock.stop();
  rmSync(engineFolder, { recursive: true, force: true });
  console.log('\n## Job engine cost per item (2,000 items, budget unlimited, local mock in its own process)');
  console.log('| path | per item |');
  console.log('| --- | --- |');
  console.log(`| sender.send in a loop (the bare send path) | ${engine.bareMsPerItem!.toFixed(3)} ms |`);
  console.log(`| job runner (journal before and after each item, pacing, progress) | ${engine.jobMsPerItem!.toFixed(3)} ms |`);
  console.log(`Engine cost: ${(engine.jobMsPerItem! - engine.bareMsPerItem!).toFixed(3)} ms per item — target <= 0.3 ms: ${engine.jobMsPerItem! - engine.bareMsPerItem! <= 0.3 ? 'met' : 'NOT met'}`);
}

/** Line i of the planning file: three names, 5,000 customers, a one-in-a-thousand invalid line, a one-in-a-thousand repeat. */
function planningLine(i: number): string {
  if (i % 1000 === 999) return '{"name": "", "customer": 1, "data": {}}';
  if (i % 1000 === 499) return planningLine(i - 300);
  return JSON.stringify(planningEvent(i));
}

function planningEvent(i: number): { name: string; customer: number; data: Record<string, unknown> } {
  return { name: ['Refund issued', 'Call made', 'Plan upgraded'][i % 3]!, customer: 1001 + (i % 5000), data: { amount: i % 977, note: 'backfill', i } };
}

/**
 * A tracking plan of 50 events (issue 20's benchmark): the file's three names, defined the way a team
 * would (types, ranges, lengths, no other keys), and 47 more the file never sends.
 */
async function writePlanningWorkspace(dir: string): Promise<void> {
  const workspace = new Workspace(dir);
  const schema = { type: 'object', required: ['amount', 'i'], additionalProperties: false, properties: { amount: { type: 'number', minimum: 0 }, note: { type: 'string', maxLength: 40 }, i: { type: 'integer', minimum: 0 } } };
  const names = ['Refund issued', 'Call made', 'Plan upgraded', ...Array.from({ length: 47 }, (_, n) => `Planned event ${n + 1}`)];
  for (const name of names) {
    const definition: EventDefinition = { name, description: 'Benchmark definition', owner: 'bench', status: 'active', enforcement: 'block', schema };
    await workspace.write(definition);
  }
}

/**
 * A history for the duplicate check to read: `lines / 10` delivered sends (at least 1,000), one in
 * ten of them the event of a line of the file (every 100th line), with their fingerprints, as the
 * send path writes them.
 */
function seedPlanningHistory(folder: string, lines: number): number {
  createCore({ userDataDir: folder, secretStore: fixedKeyStore('x') }).close();
  const db = new DatabaseSync(join(folder, 'history.sqlite'));
  const insert = db.prepare(
    `INSERT INTO sends (profile, created_at, updated_at, outcome, disposition, name, customer, data, http_status, event_id, attempts, fingerprint)
     VALUES ('default', ?, ?, 'sent', 'delivered', ?, ?, ?, 200, ?, 1, ?)`,
  );
  const rows = Math.max(1000, Math.floor(lines / 10));
  let matching = 0;
  db.exec('BEGIN');
  for (let row = 0; row < rows; row += 1) {
    // Every tenth row is line 100 × k + 50 of the file; the others are events the file does not hold.
    const line = row % 10 === 0 ? (row / 10) * 100 + 50 : -1;
    const event = line >= 0 && line < lines ? planningEvent(line) : { name: 'Refund issued', customer: 1001 + (row % 5000), data: { amount: row, note: 'earlier' } };
    if (line >= 0 && line < lines) matching += 1;
    const at = 1_700_000_000_000 + row * 1000;
    insert.run(at, at, event.name, event.customer, JSON.stringify(event.data), 500_000 + row, fingerprint(event));
  }
  db.exec('COMMIT');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return matching;
}

/**
 * Planning a large NDJSON file (issue 16: ≤ 6× reading and parsing it, RSS growth ≤ 150 MB): the
 * planner (validated, duplicate-checked against a seeded history, repeats found, journaled) against
 * the floor — streaming the same file line by line and JSON.parse-ing each line — each in its own
 * process, alternating, medians. Each plan starts from a copy of the same seeded history.
 */
export async function benchPlanning(lines = Number(process.env.BENCH_PLAN_LINES ?? 1_000_000), runs = Number(process.env.BENCH_PLAN_RUNS ?? 3)): Promise<boolean> {
  const folder = mkdtempSync(join(tmpdir(), 'event-desk-bench-plan-'));
  try {
    const file = join(folder, 'events.ndjson');
    const out = createWriteStream(file);
    for (let i = 0; i < lines; i += 1) if (!out.write(`${planningLine(i)}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    const seeded = join(folder, 'seeded');
    const inHistory = seedPlanningHistory(seeded, lines);
    const workspace = join(folder, 'workspace');
    await writePlanningWorkspace(workspace);
    const floor: Record<string, number>[] = [];
    const plans: Record<string, number>[] = [];
    const checked: Record<string, number>[] = [];
    for (let run = 0; run < runs; run += 1) {
      const userData = join(folder, `run-${run}`);
      const userDataChecked = join(folder, `run-${run}-checked`);
      cpSync(seeded, userData, { recursive: true });
      cpSync(seeded, userDataChecked, { recursive: true });
      const planOnce = () => plans.push(runChild(['plan', userData, file]));
      const checkedOnce = () => checked.push(runChild(['plan', userDataChecked, file, workspace]));
      const floorOnce = () => floor.push(runChild(['floor', file]));
      const order = [floorOnce, planOnce, checkedOnce];
      for (let step = 0; step < order.length; step += 1) order[(step + run) % order.length]!();
      rmSync(userData, { recursive: true, force: true });
      rmSync(userDataChecked, { recursive: true, force: true });
    }
    const median = (figures: Record<string, number>[], key: string) => summarize(figures.map((figure) => figure[key]!)).median;
    const planSeconds = median(plans, 'seconds');
    const floorSeconds = median(floor, 'seconds');
    const rss = Math.max(...plans.map((plan) => plan.rssGrowthMb!));
    const last = plans.at(-1)!;
    console.log(`\n## Planning ${lines.toLocaleString('en')} NDJSON lines (validated, duplicate-checked against ${Math.max(1000, Math.floor(lines / 10)).toLocaleString('en')} sends in history, repeats found, journaled) — median of ${runs}, alternating`);
    console.log('| process | wall time | CPU time | peak RSS growth | result |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(`| read + parse (floor): stream the file, cut lines, JSON.parse each | ${floorSeconds.toFixed(2)} s | ${median(floor, 'cpuSeconds').toFixed(2)} s | ${median(floor, 'rssGrowthMb').toFixed(0)} MB | ${floor[0]!.lines} parsed |`);
    console.log(`| Event Desk planner (planFile: one pass, 2,000-item transactions) | ${planSeconds.toFixed(2)} s | ${median(plans, 'cpuSeconds').toFixed(2)} s | ${rss.toFixed(0)} MB (worst run) | ${last.lines} lines, ${last.invalid} invalid, ${last.duplicates} already delivered (of ${inHistory} in history), ${last.repeats} repeats, ${last.toSend} to send |`);
    console.log(`Ratio ${(planSeconds / floorSeconds).toFixed(2)}× wall (${(median(plans, 'cpuSeconds') / median(floor, 'cpuSeconds')).toFixed(2)}× CPU) — target ≤ 6×; RSS growth ${rss.toFixed(0)} MB — target ≤ 150 MB.`);
    // Wall time is the target; a loaded machine's scheduler dominates it, so a smoke run checks the
    // CPU-time ratio instead (steady under load: ~7x at 100k lines, ~11x at 1M when measured).
    const ratioMet = check({ name: `Planning ${lines.toLocaleString('en')} NDJSON lines vs read + parse (wall)`, value: planSeconds * 1000, floor: floorSeconds * 1000, unit: 'ms', limit: 6, smokeLimit: null });
    check({ name: `Planning ${lines.toLocaleString('en')} NDJSON lines vs read + parse (CPU)`, value: median(plans, 'cpuSeconds') * 1000, floor: median(floor, 'cpuSeconds') * 1000, unit: 'ms', limit: 6, smokeLimit: 25 });
    const rssMet = check({ name: `Planning ${lines.toLocaleString('en')} NDJSON lines: peak RSS growth`, value: rss, floor: null, unit: 'MB', limit: 150, smokeLimit: 300 });
    // Issue 20: the same plan, every line also checked against a 50-event tracking plan, against planning without one.
    const checkedSeconds = median(checked, 'seconds');
    const lastChecked = checked.at(-1)!;
    console.log(`| Event Desk planner + 50-event tracking plan (Ajv, compiled once) | ${checkedSeconds.toFixed(2)} s | ${median(checked, 'cpuSeconds').toFixed(2)} s | ${Math.max(...checked.map((plan) => plan.rssGrowthMb!)).toFixed(0)} MB (worst run) | ${lastChecked.lines} lines, ${lastChecked.invalid} invalid, ${lastChecked.toSend} to send |`);
    console.log(`Tracking plan: ${(checkedSeconds / planSeconds).toFixed(2)}× planning without one (wall), ${(median(checked, 'cpuSeconds') / median(plans, 'cpuSeconds')).toFixed(2)}× CPU — target ≤ 2×.`);
    const planCheckMet = check({ name: `Planning ${lines.toLocaleString('en')} lines against a 50-event tracking plan vs without one (CPU)`, value: median(checked, 'cpuSeconds') * 1000, floor: median(plans, 'cpuSeconds') * 1000, unit: 'ms', limit: 2, smokeLimit: 3 });
    return ratioMet && rssMet && planCheckMet;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchPlanning();
