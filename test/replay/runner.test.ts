import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/index.ts';
import type { JobEvent } from '../../src/shared/jobs.ts';
import { EMPTY_FILTER } from '../../src/shared/history.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';

const temp = tempFoldersFor('event-desk-runner-');
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function core(options: { clock?: FakeClock; perMinute?: number; timeoutMs?: number; userDataDir?: string } = {}): { core: Core; events: JobEvent[] } {
  const events: JobEvent[] = [];
  const made = createCore({
    userDataDir: options.userDataDir ?? temp(),
    apiBaseUrl: mock.url,
    secretStore: fixedKeyStore(mock.apiKey),
    requestsPerMinute: options.perMinute ?? 60,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timeoutMs ? { requestTimeoutMs: options.timeoutMs } : {}),
    emit: (push, payload) => {
      if (push === 'job:event') events.push(payload as JobEvent);
    },
  });
  return { core: made, events };
}

function ndjson(events: unknown[]): string {
  const path = join(temp(), 'events.ndjson');
  writeFileSync(path, events.map((event) => (typeof event === 'string' ? event : JSON.stringify(event))).join('\n'));
  return path;
}

const items = (count: number, from = 0) => Array.from({ length: count }, (_, index) => ({ name: 'Replayed', customer: 1001, data: { n: from + index } }));
const eventsSent = () => mock.received.filter((request) => request.path === '/v1/events');

describe('planning', () => {
  it('counts invalid lines and what was already delivered (skipped unless asked); nothing is sent', async () => {
    const { core: app } = core({ clock: new FakeClock() });
    await app.activeScope().sender.send({ name: 'Replayed', customer: 1001, data: { n: 1 } });
    mock.reset();
    const path = ndjson([...items(3), '{oops', { name: 'Replayed', customer: 'x', data: {} }]);
    const plan = await app.activeScope().replay.planFile(path, { sendDuplicates: false, ratePerMinute: null });
    expect(plan).toMatchObject({ toSend: 2, unit: 'line', job: { lines: 5, invalid: 2, duplicates: 1, state: 'planned', counts: { pending: 2, skipped: 1, invalid: 2 } } });
    expect(plan.invalidSample.map((item) => item.error)).toEqual([expect.stringMatching(/^line 4: not valid JSON/), expect.stringMatching(/^line 5: customer:/)]);
    expect(plan.estimatedMs).toBe(1000);
    expect(eventsSent()).toHaveLength(0);
    const again = await app.activeScope().replay.planFile(path, { sendDuplicates: true, ratePerMinute: null });
    expect(again.toSend).toBe(3);
    app.close();
  });

  it('a job exists only once its plan is complete: a source that fails half way leaves nothing', async () => {
    const { core: app } = core({ clock: new FakeClock() });
    const path = join(temp(), 'broken.json');
    writeFileSync(path, `[${items(3).map((item) => JSON.stringify(item)).join(',')}, {"name": `);
    await expect(app.activeScope().replay.planFile(path, { sendDuplicates: false, ratePerMinute: null })).rejects.toThrow(/The JSON breaks after item 3/);
    expect(app.activeScope().replay.list()).toEqual([]);
    app.close();
  });
});

describe('running, with a fake clock', () => {
  it('paces at the budget: starts spaced 60 s / N (plus 2%), every item once, in order', async () => {
    const clock = new FakeClock();
    const { core: app, events } = core({ clock, perMinute: 60 });
    const plan = await app.activeScope().replay.planFile(ndjson(items(5)), { sendDuplicates: false, ratePerMinute: null });
    expect(await app.activeScope().replay.start(plan.job.id).finished).toBe('finished');
    const starts = app.history.page(10, null, 'default', EMPTY_FILTER).entries.map((entry) => entry.createdAt).toReversed();
    const gaps = starts.slice(1).map((time, index) => time - starts[index]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1020);
    expect(eventsSent().map((request) => (request.body as { data: { n: number } }).data.n)).toEqual([0, 1, 2, 3, 4]);
    expect(events.map((event) => event.type)).toContain('finished');
    expect(app.activeScope().replay.get(plan.job.id).counts).toEqual({ sent: 5 });
    app.close();
  });

  it('429 with Retry-After: everything waits at least that long, the pace drops, nothing is lost', async () => {
    const clock = new FakeClock();
    const { core: app, events } = core({ clock, perMinute: 600 });
    mock.injectFault({ kind: 'status', status: 429, retryAfter: 5, path: '/v1/events' });
    const plan = await app.activeScope().replay.planFile(ndjson(items(3)), { sendDuplicates: false, ratePerMinute: null });
    const started = clock.now();
    await app.activeScope().replay.start(plan.job.id).finished;
    const limited = events.find((event) => event.type === 'rate_limited');
    expect(limited).toMatchObject({ waitMs: expect.any(Number) });
    expect((limited as { waitMs: number }).waitMs).toBeGreaterThanOrEqual(5000 - 200);
    expect((limited as { pacePerMinute: number }).pacePerMinute).toBeLessThan(600);
    expect(clock.now() - started).toBeGreaterThanOrEqual(5000);
    expect(app.activeScope().replay.get(plan.job.id).counts).toEqual({ sent: 3 });
    expect(new Set(eventsSent().map((request) => JSON.stringify(request.body))).size).toBe(3);
    app.close();
  });

  it('429 without Retry-After: a jittered backoff, then on', async () => {
    const clock = new FakeClock();
    const { core: app, events } = core({ clock, perMinute: 600 });
    mock.injectFault({ kind: 'status', status: 429, path: '/v1/events' });
    const plan = await app.activeScope().replay.planFile(ndjson(items(2)), { sendDuplicates: false, ratePerMinute: null });
    await app.activeScope().replay.start(plan.job.id).finished;
    const limited = events.find((event) => event.type === 'rate_limited') as { waitMs: number };
    expect(limited.waitMs).toBeGreaterThanOrEqual(500);
    expect(limited.waitMs).toBeLessThanOrEqual(1000);
    expect(app.activeScope().replay.get(plan.job.id).counts).toEqual({ sent: 2 });
    app.close();
  });

  it('5xx three times: the item is "failed"; retry failed sends it', async () => {
    const { core: app } = core({ clock: new FakeClock(), perMinute: 600 });
    mock.injectFault({ kind: 'status', status: 503, count: 3, path: '/v1/events' });
    const plan = await app.activeScope().replay.planFile(ndjson(items(2)), { sendDuplicates: false, ratePerMinute: null });
    await app.activeScope().replay.start(plan.job.id).finished;
    expect(app.activeScope().replay.get(plan.job.id).counts).toEqual({ sent: 1, failed: 1 });
    expect(app.activeScope().replay.retry(plan.job.id, 'failed')).toBe(1);
    expect(await app.activeScope().replay.start(plan.job.id).finished).toBe('finished');
    expect(app.activeScope().replay.get(plan.job.id).counts).toEqual({ sent: 2 });
    app.close();
  });

  it('a 4xx is "rejected", not retried; a timeout is "unknown" and never resent on its own', async () => {
    const { core: app } = core({ clock: new FakeClock(), perMinute: 600, timeoutMs: 300 });
    mock.injectFault({ kind: 'hang', path: '/v1/events' });
    const plan = await app.activeScope().replay.planFile(ndjson([...items(1), { name: 'Replayed', customer: 999_999, data: {} }]), { sendDuplicates: false, ratePerMinute: null });
    await app.activeScope().replay.start(plan.job.id).finished;
    expect(app.activeScope().replay.get(plan.job.id).counts).toEqual({ unknown: 1, rejected: 1 });
    expect(eventsSent()).toHaveLength(2);
    expect(app.activeScope().replay.resolveUnknown(plan.job.id, 'all', 'resend')).toBe(1);
    await app.activeScope().replay.start(plan.job.id).finished;
    expect(app.activeScope().replay.get(plan.job.id).counts).toEqual({ sent: 1, rejected: 1 });
    app.close();
  });

  it('pause lets the item in flight finish and keeps the rest; resume finishes; cancel leaves pending', async () => {
    const { core: app, events } = core({ clock: new FakeClock(), perMinute: 600 });
    const plan = await app.activeScope().replay.planFile(ndjson(items(6)), { sendDuplicates: false, ratePerMinute: null });
    let paused = false;
    const run = app.activeScope().replay.start(plan.job.id);
    // Pause as soon as the first item is done.
    while (!events.some((event) => event.type === 'progress' && (event.counts.sent ?? 0) >= 1)) await new Promise((resolve) => setTimeout(resolve, 5));
    paused = true;
    await app.activeScope().replay.pause(plan.job.id);
    expect(await run.finished).toBe('paused');
    const afterPause = app.activeScope().replay.get(plan.job.id).counts;
    expect((afterPause.sent ?? 0) + (afterPause.pending ?? 0)).toBe(6);
    expect(afterPause.sending).toBeUndefined();
    expect(await app.activeScope().replay.start(plan.job.id).finished).toBe('finished');
    expect(app.activeScope().replay.get(plan.job.id).counts).toEqual({ sent: 6 });
    expect(new Set(eventsSent().map((request) => JSON.stringify(request.body))).size).toBe(6);
    expect(eventsSent()).toHaveLength(6);
    expect(paused).toBe(true);

    const second = await app.activeScope().replay.planFile(ndjson(items(3, 100)), { sendDuplicates: false, ratePerMinute: null });
    const cancelled = await app.activeScope().replay.cancel(second.job.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', counts: { pending: 3 } });
    app.close();
  });
});

describe('against a server stricter than the budget (real time)', () => {
  it('budget 600/min, server 400/min over a sliding window: 0 lost, 0 duplicated', async () => {
    // 20 per 3 s is 400/min, a minute scaled down so the test takes seconds.
    const strict = await startMockServer({ rateLimitPerMinute: 20, rateWindowMs: 3000 });
    try {
      const app = createCore({ userDataDir: temp(), apiBaseUrl: strict.url, secretStore: fixedKeyStore(strict.apiKey), requestsPerMinute: 600 });
      const plan = await app.activeScope().replay.planFile(ndjson(items(45)), { sendDuplicates: false, ratePerMinute: null });
      expect(await app.activeScope().replay.start(plan.job.id).finished).toBe('finished');
      expect(app.activeScope().replay.get(plan.job.id).counts).toEqual({ sent: 45 });
      expect(strict.admitted).toHaveLength(45);
      expect(strict.rateLimited).toBeGreaterThan(0);
      app.close();
    } finally {
      await strict.close();
    }
  }, 30_000);
});

describe('a crash mid-job', () => {
  it('the process running it is killed; another resumes: nothing delivered twice, the item in flight is unknown, counts exact', async () => {
    const slow = await startMockServer({ rateLimitPerMinute: 1_000_000, latencyMs: 150 });
    const userDataDir = temp();
    try {
      const path = ndjson(items(30));
      const child = spawn(process.execPath, [join(import.meta.dirname, '../support/job-child.ts'), userDataDir, slow.url, slow.apiKey, path, '1200'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const started = Date.now();
      // Kill it while a request is in flight (the mock answers after 150 ms).
      while (slow.received.filter((request) => request.path === '/v1/events').length < 8) {
        if (Date.now() - started > 15_000) throw new Error('the child never got going');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
      child.kill('SIGKILL');
      await exited;
      const jobId = (JSON.parse(output.trim().split('\n')[0]!) as { jobId: number }).jobId;

      const app = createCore({ userDataDir, apiBaseUrl: slow.url, secretStore: fixedKeyStore(slow.apiKey), requestsPerMinute: 1200 });
      const interrupted = app.activeScope().replay.get(jobId);
      expect(interrupted.state).toBe('interrupted');
      expect(app.notices.map((notice) => notice.code)).toContain('job_interrupted');
      const counts = interrupted.counts;
      expect((counts.sent ?? 0) + (counts.unknown ?? 0) + (counts.pending ?? 0)).toBe(30);
      expect(counts.sending).toBeUndefined();
      const receivedBefore = slow.received.filter((request) => request.path === '/v1/events').length;
      // Every item the killed process had started is "sent" or, the one in flight, "unknown" (it may or
      // may not have reached the server): never "pending", so never sent again on its own.
      expect(counts.unknown ?? 0).toBeLessThanOrEqual(1);
      expect(receivedBefore).toBeGreaterThanOrEqual(counts.sent ?? 0);
      expect(receivedBefore).toBeLessThanOrEqual((counts.sent ?? 0) + (counts.unknown ?? 0));

      expect(await app.activeScope().replay.start(jobId).finished).toBe('finished');
      const final = app.activeScope().replay.get(jobId).counts;
      expect(final.unknown ?? 0).toBe(counts.unknown ?? 0);
      expect((final.sent ?? 0) + (final.unknown ?? 0)).toBe(30);
      const bodies = slow.received.filter((request) => request.path === '/v1/events').map((request) => JSON.stringify(request.body));
      expect(new Set(bodies).size).toBe(bodies.length);
      expect(bodies.length).toBeGreaterThanOrEqual(final.sent ?? 0);
      expect(bodies.length).toBeLessThanOrEqual(30);
      app.close();
    } finally {
      await slow.close();
    }
  }, 40_000);
});
