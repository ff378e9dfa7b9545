import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core/index.ts';
import { startMockServer, type MockServer } from '../tools/mock-api/server.ts';
import { startMockProcess } from './mock-process.ts';
import { fixedKeyStore } from '../tools/secret-stores.ts';

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

  // 3. Planning a million lines.
  const lines = Number(process.env.BENCH_REPLAY_LINES ?? 1_000_000);
  const folder = mkdtempSync(join(tmpdir(), 'event-desk-bench-plan-'));
  const file = join(folder, 'million.ndjson');
  const out = createWriteStream(file);
  for (let i = 0; i < lines; i += 1) {
    const line = i % 1000 === 999 ? '{"name": "", "customer": 1, "data": {}}' : JSON.stringify({ name: ['Refund issued', 'Call made', 'Plan upgraded'][i % 3], customer: 1001 + (i % 5000), data: { amount: i % 977, note: 'backfill', i } });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  console.log(`\n## Planning ${lines.toLocaleString('en')} NDJSON lines (validated, duplicate-checked against history, journaled)`);
  console.log('| approach | time | peak RSS growth | result |');
  console.log('| --- | --- | --- | --- |');
  const planned = runChild(['plan', folder, file]);
  console.log(`| Event Desk planner (streamed, 2,000-item transactions) | ${planned.seconds!.toFixed(1)} s | ${planned.rssGrowthMb!.toFixed(0)} MB | ${planned.lines} lines, ${planned.invalid} invalid |`);
  try {
    const naive = runChild(['naive', file]);
    console.log(`| read whole file, JSON.parse every line into an array (no validation, no journal) | ${naive.seconds!.toFixed(1)} s | ${naive.rssGrowthMb!.toFixed(0)} MB | ${naive.lines} parsed |`);
  } catch (error) {
    console.log(`| read whole file, JSON.parse every line into an array | — | — | failed: ${(error as Error).message.slice(0, 120)} |`);
  }
  rmSync(folder, { recursive: true, force: true });

  // 4. Engine cost per item.
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
