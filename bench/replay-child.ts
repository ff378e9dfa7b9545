// One measured process of the replay benchmarks (so each has its own, comparable RSS).
//   plan <userData> <file>            Event Desk's planner on the file
//   naive <file>                      read the whole file, JSON.parse every line into an array
//   engine <userData> <url> <key> <n> the job runner vs sender.send, budget unlimited
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../src/main/core/index.ts';
import { fixedKeyStore } from '../tools/secret-stores.ts';

const [mode, ...args] = process.argv.slice(2) as [string, ...string[]];
const startRss = process.memoryUsage().rss;
let peak = startRss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const started = performance.now();

if (mode === 'plan') {
  const [userDataDir, file] = args as [string, string];
  const core = createCore({ userDataDir, secretStore: fixedKeyStore('x'), apiBaseUrl: 'http://127.0.0.1:9/v1' });
  const plan = await core.activeScope().replay.planFile(file, { sendDuplicates: false, ratePerMinute: null });
  core.close();
  report({ lines: plan.job.lines, invalid: plan.job.invalid, duplicates: plan.job.duplicates });
} else if (mode === 'naive') {
  const [file] = args as [string];
  const events = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
  report({ lines: events.length });
  // Kept alive until measured.
  if (events.length < 0) console.log(events);
} else if (mode === 'engine') {
  const [userDataDir, url, key, count] = args as [string, string, string, string];
  const n = Number(count);
  const core = createCore({ userDataDir, secretStore: fixedKeyStore(key), apiBaseUrl: url, requestsPerMinute: 10_000_000 });
  const file = join(userDataDir, 'engine.ndjson');
  writeFileSync(file, Array.from({ length: n }, (_, i) => JSON.stringify({ name: 'Engine', customer: 1001, data: { i } })).join('\n'));
  const plan = await core.activeScope().replay.planFile(file, { sendDuplicates: false, ratePerMinute: null });
  // Alternate blocks so both see the same machine state; the first block of each warms up.
  const bare: number[] = [];
  const job: number[] = [];
  let next = n;
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1) await core.activeScope().sender.send({ name: 'Bare', customer: 1001, data: { i: (next += 1) } }, { allowDuplicate: true });
  bare.push(performance.now() - t0);
  const t1 = performance.now();
  await core.activeScope().replay.start(plan.job.id).finished;
  job.push(performance.now() - t1);
  core.close();
  report({ bareMsPerItem: bare[0]! / n, jobMsPerItem: job[0]! / n });
}

function report(extra: Record<string, number>): void {
  // The naive approach blocks the event loop (the sampler never runs during it): sample once more
  // while its array is still alive.
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, rssGrowthMb: (peak - startRss) / 1024 / 1024, ...extra }));
}
