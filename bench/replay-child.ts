// One measured process of the replay benchmarks (so each has its own, comparable RSS).
//   floor <file>                      read the file as a stream, line by line, JSON.parse each line
//   plan <userData> <file> [workspace] Event Desk's planner on the file (checked against the workspace's tracking plan)
//   engine <userData> <url> <key> <n> the job runner vs sender.send, budget unlimited
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../src/main/core/index.ts';
import { fixedKeyStore } from '../tools/secret-stores.ts';

const [mode, ...args] = process.argv.slice(2) as [string, ...string[]];

/** Wall time, CPU time and peak RSS growth of `work`, from just before it to its end. */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number; rssGrowthMb: number }> {
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, seconds, cpuSeconds: (used.user + used.system) / 1e6, rssGrowthMb: (peak - startRss) / 1024 / 1024 };
}

/**
 * The floor: what any planner must do at least — stream the file, cut it into lines, JSON.parse
 * each. Read in Buffers, lines cut at newline bytes and decoded one by one (as the planner does).
 */
async function readAndParse(file: string): Promise<number> {
  let parsed = 0;
  let held: Buffer[] = [];
  const parse = (text: string) => {
    if (text === '') return;
    JSON.parse(text);
    parsed += 1;
  };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    const first = chunk.indexOf(10);
    if (first === -1) {
      held.push(chunk);
      continue;
    }
    // The line that began in earlier chunks, then every line whole in this one.
    parse(Buffer.concat([...held, chunk.subarray(0, first)]).toString('utf8'));
    let start = first + 1;
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      parse(chunk.toString('utf8', start, newline));
      start = newline + 1;
    }
    held = [chunk.subarray(start)];
  }
  parse(Buffer.concat(held).toString('utf8'));
  return parsed;
}

if (mode === 'floor') {
  const [file] = args as [string];
  const { result, ...figures } = await measure(() => readAndParse(file));
  report({ ...figures, lines: result });
} else if (mode === 'plan') {
  const [userDataDir, file, workspaceDir] = args as [string, string, string | undefined];
  // Opening the core is start-up, not planning: only planFile is measured (with a workspace, loading
  // and compiling its tracking plan is inside planFile, so it is measured too).
  const core = createCore({ userDataDir, secretStore: fixedKeyStore('x'), apiBaseUrl: 'http://127.0.0.1:9/v1', ...(workspaceDir ? { workspaceDir } : {}) });
  const { result: plan, ...figures } = await measure(() => core.activeScope().replay.planFile(file, { sendDuplicates: false, ratePerMinute: null }));
  core.close();
  report({ ...figures, lines: plan.job.lines, invalid: plan.job.invalid, duplicates: plan.job.duplicates, repeats: plan.repeats, toSend: plan.toSend });
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

function report(figures: Record<string, number>): void {
  console.log(JSON.stringify(figures));
}
