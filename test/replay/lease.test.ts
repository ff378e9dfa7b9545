import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/main/clock.ts';
import { createCore } from '../../src/main/core/index.ts';
import { JobLeases, type Lease } from '../../src/main/replay/job-lease.ts';
import { JobRepository, PLAN_EXPIRES_MS } from '../../src/main/replay/job-repository.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import type { RunStatus } from '../../src/main/storage/run-registry.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// A job has one owner at a time: claims raise a fencing number that every owner's write must
// match, so a process that was stopped past its lease and taken over can neither send nor overwrite.
const temp = tempFoldersFor('event-desk-lease-');
const event = (n: number) => ({ name: 'Replayed', customer: 1001, data: { n } });

/** Two runs on one database, with whatever status the test says the other one has. */
function journal(leaseMs = 1000) {
  const db = openDatabase(join(temp(), 'history.sqlite'));
  const clock = new FakeClock();
  const statuses = new Map<string, RunStatus>();
  const registry = (id: string) => ({ id, status: (run: string) => statuses.get(run) ?? null });
  const live = (pid: number): RunStatus => ({ pid, host: 'here', kind: 'cli', heartbeatAt: clock.now(), state: 'live' });
  const first = new JobLeases(db, registry('run-a'), clock, leaseMs);
  const second = new JobLeases(db, registry('run-b'), clock, leaseMs);
  const jobs = new JobRepository(db, () => null, (owner, until) => second.holderOf(owner, until));
  const jobId = jobs.create('default', 'test', clock.now(), 'planner', false, null);
  jobs.addItems(jobId, 1, [1, 2, 3].map((n) => ({ line: n, state: 'pending' as const, name: event(n).name, customer: event(n).customer, dataJson: JSON.stringify(event(n).data), fingerprint: `f${n}`, error: null })), clock.now());
  jobs.finishPlan(jobId, { lines: 3, invalid: 0, duplicates: 0 }, clock.now());
  return { db, clock, statuses, live, first, second, jobs, jobId };
}

const sent = { httpStatus: 200, eventId: 1, error: null };

describe('claims and fencing', () => {
  it('a takeover raises the epoch: the stale owner can no longer mark, finish or release, and its in-flight item is unknown', () => {
    const { clock, statuses, live, first, second, jobs, jobId } = journal();
    const claimA = first.claim(jobId);
    if (!claimA.taken) throw new Error('not taken');
    const a: Lease = claimA.lease;
    expect(jobs.markSending(jobId, 1, a, clock.now())).toBe(true);
    statuses.set('run-a', live(100));

    // A runs it (lease fresh): never taken, even when asked.
    expect(second.claim(jobId, { takeOver: true })).toMatchObject({ taken: false, reason: 'busy', holder: { pid: 100, stalled: false } });
    // A is stopped past its lease (its process still exists): taken only when asked.
    clock.time += 1001;
    expect(second.claim(jobId)).toMatchObject({ taken: false, reason: 'stalled', holder: { pid: 100, stalled: true } });
    expect(jobs.get(jobId, [])).toMatchObject({ state: 'running', holder: { pid: 100, stalled: true }, runningElsewhere: false });
    const claimB = second.claim(jobId, { takeOver: true });
    if (!claimB.taken) throw new Error('not taken');
    expect(claimB.lease.epoch).toBe(a.epoch + 1);
    expect(claimB).toMatchObject({ inFlight: 1, from: { pid: 100 } });
    expect(jobs.items(jobId, 0, 10).map((item) => item.state)).toEqual(['unknown', 'pending', 'pending']);

    // A wakes: its next item is refused, its answer for item 1 and its final state are dropped.
    expect(jobs.markSending(jobId, 2, a, clock.now())).toBe(false);
    expect(jobs.finishItem(jobId, 1, a, 'sent', sent, clock.now())).toBe(false);
    expect(jobs.release(jobId, a, 'paused', { text: 'Paused.' }, clock.now())).toBe(false);
    expect(first.renew(jobId, a)).toBe(false);
    expect(jobs.items(jobId, 0, 10).map((item) => item.state)).toEqual(['unknown', 'pending', 'pending']);
    expect(jobs.get(jobId, [])).toMatchObject({ state: 'running', holder: null });

    // B owns it.
    expect(jobs.markSending(jobId, 2, claimB.lease, clock.now())).toBe(true);
    expect(jobs.finishItem(jobId, 2, claimB.lease, 'sent', sent, clock.now())).toBe(true);
    expect(second.renew(jobId, claimB.lease)).toBe(true);
  });

  it('an owner whose process is gone is replaced at once, without asking', () => {
    const { clock, statuses, first, second, jobs, jobId } = journal();
    const claimA = first.claim(jobId);
    if (!claimA.taken) throw new Error('not taken');
    jobs.markSending(jobId, 1, claimA.lease, clock.now());
    statuses.set('run-a', { pid: 100, host: 'here', kind: 'cli', heartbeatAt: clock.now(), state: 'gone' });
    expect(second.claim(jobId)).toMatchObject({ taken: true, inFlight: 1, from: null });
  });
});

describe('startup recovery', () => {
  it('leaves a stalled owner\'s job and in-flight item alone; a gone owner\'s becomes interrupted and unknown; old plans expire', () => {
    const { clock, first, jobs, jobId } = journal();
    const claim = first.claim(jobId);
    if (!claim.taken) throw new Error('not taken');
    jobs.markSending(jobId, 1, claim.lease, clock.now());
    // run-a still exists (stalled or not): it is among the present runs.
    expect(jobs.recoverOrphans(['run-a'], clock.now())).toMatchObject({ jobs: 0, items: 0 });
    expect(jobs.get(jobId, [])!.state).toBe('running');
    expect(jobs.items(jobId, 0, 1)[0]!.state).toBe('sending');
    // run-a is gone.
    expect(jobs.recoverOrphans([], clock.now())).toMatchObject({ jobs: 1, items: 1 });
    expect(jobs.get(jobId, [])!.state).toBe('interrupted');
    expect(jobs.items(jobId, 0, 1)[0]!.state).toBe('unknown');

    const plan = jobs.create('default', 'never started', clock.now(), 'planner', false, null);
    jobs.finishPlan(plan, { lines: 0, invalid: 0, duplicates: 0 }, clock.now());
    expect(jobs.recoverOrphans([], clock.now() + PLAN_EXPIRES_MS - 1).expiredPlans).toBe(0);
    expect(jobs.recoverOrphans([], clock.now() + PLAN_EXPIRES_MS + 1).expiredPlans).toBe(1);
    expect(jobs.get(plan, [])).toBeNull();
    expect(jobs.get(jobId, [])).not.toBeNull();
  });
});

/** Shared fake time; a gate holds this clock's sleeps (the runner waiting between items) until opened. */
class GatedClock implements Clock {
  gate: { promise: Promise<void>; open: () => void } | null = null;
  blocked = 0;
  readonly shared: { time: number };
  constructor(shared: { time: number }) {
    this.shared = shared;
  }
  close(): void {
    let open = () => {};
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
  }
  now(): number {
    return this.shared.time;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.gate) {
      this.blocked += 1;
      await this.gate.promise;
    }
    if (signal?.aborted) throw signal.reason;
    this.shared.time += Math.ceil(ms);
  }
}

describe('two runners on one job', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  it('a runner stopped past its lease and taken over stops without sending; every event arrives once', async () => {
    const userDataDir = temp();
    const path = join(userDataDir, 'events.ndjson');
    writeFileSync(path, [1, 2, 3, 4].map((n) => JSON.stringify(event(n))).join('\n'));
    const time = { time: 1_000_000 };
    const stalledClock = new GatedClock(time);
    const open = (clock: Clock) => createCore({ userDataDir, apiBaseUrl: mock.url, secretStore: fixedKeyStore(mock.apiKey), requestsPerMinute: 60, clock, leaseMs: 1000 });
    const a = open(stalledClock);
    const b = open(new GatedClock(time));
    try {
      const plan = await a.activeScope().replay.planFile(path, { sendDuplicates: false, ratePerMinute: null });
      stalledClock.close();
      const runA = a.activeScope().replay.start(plan.job.id);
      // A sends item 1, then waits for its pace (1 s at 60/min): stopped there.
      while (stalledClock.blocked === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(mock.received.filter((request) => request.path === '/v1/events')).toHaveLength(1);
      time.time += 1001;

      expect(() => b.activeScope().replay.start(plan.job.id)).toThrow(/take it over only if that process is not sending|has not been heard from/i);
      const runB = b.activeScope().replay.start(plan.job.id, { takeOver: true });
      expect(runB.from).toMatchObject({ pid: process.pid, stalled: true });
      expect(await runB.finished).toBe('finished');

      stalledClock.gate!.open();
      expect(await runA.finished).toBe('taken-over');
      const bodies = mock.received.filter((request) => request.path === '/v1/events').map((request) => (request.body as { data: { n: number } }).data.n);
      expect(bodies.toSorted()).toEqual([1, 2, 3, 4]);
      expect(b.activeScope().replay.get(plan.job.id)).toMatchObject({ state: 'finished', counts: { sent: 4 } });
    } finally {
      a.close();
      b.close();
    }
  });
});
