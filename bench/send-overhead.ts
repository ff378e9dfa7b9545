import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../src/main/services.ts';
import { dispatch } from '../src/main/ipc/dispatch.ts';
import { startMockProcess } from './mock-process.ts';
import { ms, summarize } from './stats.ts';
import { check } from './targets.ts';
import { fixedKeyStore } from '../tools/secret-stores.ts';

const SENDS = 5000;
const WARMUP = 20;

/**
 * The send path's overhead: the app's whole main-process path (contract parsing, rate budget,
 * history write before and after, outcome interpretation) versus a bare fetch of the same request
 * to the same local mock. Rounds alternate so both see the same machine state. Overhead is the
 * difference at the same quantile (median, p99); BENCH_SENDS changes the count. The main thread's
 * CPU time per send is printed too: a loaded machine stretches wall time, far less CPU time.
 */
export async function benchSendOverhead(latencyMs: number, sends = Number(process.env.BENCH_SENDS ?? SENDS)): Promise<boolean> {
  const mock = await startMockProcess(1_000_000, latencyMs);
  const folder = mkdtempSync(join(tmpdir(), 'event-desk-bench-'));
  const services = createServices({
    userDataDir: folder,
    env: { HELPCRUNCH_API_URL: mock.url },
    secretStore: fixedKeyStore(mock.key),
    emit: () => {},
    requestsPerMinute: 10_000_000,
  });
  const event = { name: 'Refund issued', customer: 1001, data: { amount: 20, currency: 'EUR', reason: 'damaged item' } };
  let n = 0;
  const viaApp = async () => {
    // A different event each time: the same one twice would be refused as a duplicate.
    n += 1;
    const result = await dispatch(services.handlers, 'events:send', { ...event, data: { ...event.data, n } });
    if (!result.ok || (result.value as { outcome: string }).outcome !== 'sent') throw new Error(`send failed: ${JSON.stringify(result)}`);
  };
  const viaFetch = async () => {
    const response = await fetch(`${mock.url}/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${mock.key}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(event),
    });
    const body = (await response.json()) as { id?: number };
    if (response.status !== 200 || typeof body.id !== 'number') throw new Error('fetch failed');
  };
  try {
    for (let i = 0; i < WARMUP; i += 1) {
      await viaApp();
      await viaFetch();
    }
    const app: number[] = [];
    const plain: number[] = [];
    const appCpu: number[] = [];
    const plainCpu: number[] = [];
    for (let i = 0; i < sends; i += 1) {
      const order = i % 2 === 0 ? [viaApp, viaFetch] : [viaFetch, viaApp];
      for (const run of order) {
        const cpu = process.threadCpuUsage();
        const started = performance.now();
        await run();
        (run === viaApp ? app : plain).push(performance.now() - started);
        const used = process.threadCpuUsage(cpu);
        (run === viaApp ? appCpu : plainCpu).push((used.user + used.system) / 1000);
      }
    }
    const a = summarize(app);
    const p = summarize(plain);
    const ac = summarize(appCpu);
    const pc = summarize(plainCpu);
    const median = a.median - p.median;
    const p99 = a.p99 - p.p99;
    console.log(`\n## Send path overhead: ${sends} sends each, local mock in its own process, ${latencyMs} ms simulated network latency`);
    console.log(`| path | median | p95 | p99 |`);
    console.log(`| --- | --- | --- | --- |`);
    console.log(`| Event Desk (parse + rate budget + history write + send) | ${ms(a.median)} | ${ms(a.p95)} | ${ms(a.p99)} |`);
    console.log(`| bare fetch (floor) | ${ms(p.median)} | ${ms(p.p95)} | ${ms(p.p99)} |`);
    console.log(`| overhead | ${ms(median)} | ${ms(a.p95 - p.p95)} | ${ms(p99)} |`);
    console.log(`| ratio | ${(a.median / p.median).toFixed(3)} | ${(a.p95 / p.p95).toFixed(3)} | ${(a.p99 / p.p99).toFixed(3)} |`);
    console.log(`| main-thread CPU per send (approximate: read at context switches): Event Desk / bare fetch / overhead | ${ms(ac.median)} / ${ms(pc.median)} / ${ms(ac.median - pc.median)} | ${ms(ac.p95)} / ${ms(pc.p95)} | ${ms(ac.p99)} / ${ms(pc.p99)} |`);
    if (latencyMs === 0) {
      // Absolute targets: what the app adds to a request, at the median and at the 99th percentile.
      const medianMet = check({ name: `Send overhead over bare fetch, median (${sends} sends, loopback)`, value: median, floor: null, unit: 'ms', limit: 0.35, smokeLimit: 3.0 });
      const p99Met = check({ name: `Send overhead over bare fetch, p99 (${sends} sends, loopback)`, value: p99, floor: null, unit: 'ms', limit: 2, smokeLimit: null });
      console.log(`Target: median overhead ≤ 0.35 ms and p99 overhead ≤ 2 ms -> ${medianMet && p99Met ? 'met' : 'NOT met'}`);
      return medianMet && p99Met;
    }
    const met = check({ name: `Send at ${latencyMs} ms round trip, median against bare fetch (${sends} sends)`, value: a.median, floor: p.median, unit: 'ms', limit: 1.03, smokeLimit: 1.08 });
    console.log(`Target: median ratio ≤ 1.03 at ${latencyMs} ms -> ${met ? 'met' : 'NOT met'}`);
    return met;
  } finally {
    services.close();
    mock.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  await benchSendOverhead(Number(process.env.BENCH_LATENCY_MS ?? 0));
}
