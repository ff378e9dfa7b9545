import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/main/clock.ts';
import { RateBudget, SPACING_SLACK, START_WINDOW_MARGIN_MS } from '../../src/main/helpcrunch/rate-budget.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { mostInAnyWindow } from '../../tools/mock-api/server.ts';

const temp = tempFoldersFor('event-desk-budget-');

function budgetOn(path: string, clock: FakeClock, perMinute: number): RateBudget {
  return new RateBudget(openDatabase(path), clock, { perMinute, profile: 'default' });
}

describe('RateBudget (shared through SQLite)', () => {
  it('spaces requests evenly: no burst, so never more than N in any sliding minute', async () => {
    const clock = new FakeClock();
    const budget = budgetOn(join(temp(), 'h.sqlite'), clock, 120);
    const times: number[] = [];
    for (let i = 0; i < 400; i += 1) {
      await budget.acquire();
      times.push(clock.now());
    }
    expect(mostInAnyWindow(times, 60_000)).toBeLessThanOrEqual(120);
    // Spaced 2% wider than 60 s / N, so jitter on the way cannot squeeze N + 1 into a window.
    expect(times[1]! - times[0]!).toBe(500 * SPACING_SLACK);
    // And otherwise at the full rate: 400 starts in 399 intervals.
    expect(times.at(-1)! - times[0]!).toBeCloseTo(399 * 500 * SPACING_SLACK, 6);
  });

  it('two processes (two connections) share one budget: their slots never collide', () => {
    const clock = new FakeClock();
    const path = join(temp(), 'h.sqlite');
    const a = budgetOn(path, clock, 60);
    const b = budgetOn(path, clock, 60);
    expect([a.reserve(), b.reserve(), a.reserve(), b.reserve()]).toEqual([0, 1020, 2040, 3060]);
  });

  it('a 429 seen by one process pauses the others', async () => {
    const clock = new FakeClock();
    const path = join(temp(), 'h.sqlite');
    const app = budgetOn(path, clock, 120);
    const cli = budgetOn(path, clock, 120);
    app.pauseUntil(clock.now() + 5000);
    expect(cli.waitMs).toBe(5000);
    expect(await cli.acquire()).toBe(5000);
    expect(await app.acquire()).toBe(510);
  });

  it('an interactive request goes ahead of a batch: it waits at most one interval', async () => {
    const clock = new FakeClock();
    const budget = budgetOn(join(temp(), 'h.sqlite'), clock, 60);
    // A batch has been running: it took the slot that was free now.
    expect(await budget.acquire(undefined, 'batch')).toBe(0);
    // The composer asks: it reserves the next slot, one interval away.
    expect(budget.reserve()).toBe(1020);
    // The batch's next item waits until after the interactive one.
    expect(await budget.acquire(undefined, 'batch')).toBe(2040);
  });

  it('a batch never reserves ahead, so a waiting batch item cancelled takes nothing', async () => {
    const clock = new FakeClock();
    const budget = budgetOn(join(temp(), 'h.sqlite'), clock, 60);
    await budget.acquire(undefined, 'batch');
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(budget.acquire(controller.signal, 'batch')).rejects.toThrow('cancelled');
    expect(budget.reserve()).toBe(1020);
  });
});

/**
 * Virtual time for several "processes" at once: a sleep waits until the driver moves the clock to
 * its end, so interleavings are what real timers would give (FakeClock runs sleeps one after another).
 */
class VirtualClock {
  time = 1_000_000;
  #timers: { at: number; resolve: () => void }[] = [];

  clockFor(stall: () => number = () => 0): Clock {
    return {
      now: () => this.time,
      sleep: (ms, signal) => {
        if (signal?.aborted) return Promise.reject(signal.reason);
        // A stall: the process wakes late (a loaded CPU, a stopped process) after its slot.
        return new Promise((resolve) => this.#timers.push({ at: this.time + Math.ceil(ms) + stall(), resolve }));
      },
    };
  }

  /** Runs until every process is done: wakes the earliest sleeper, lets it run to its next sleep. */
  async run(done: () => boolean): Promise<void> {
    while (!done()) {
      await new Promise((resolve) => setImmediate(resolve));
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers.shift();
      if (!next) continue;
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
  }
}

describe('the budget counts what really started', () => {
  it('a process that stalls after its slot was reserved never puts N + 1 in a window, while others keep going', async () => {
    const clock = new VirtualClock();
    const path = join(temp(), 'h.sqlite');
    const starts: number[] = [];
    let finished = 0;
    let sleeps = 0;
    // 120/min (20 per 10 s); the app stalls 700 ms past every third slot it waited for.
    const processes = [
      { budget: new RateBudget(openDatabase(path), clock.clockFor(() => (++sleeps % 3 === 0 ? 700 : 0)), { perMinute: 120, profile: 'default' }), priority: 'interactive' as const },
      { budget: new RateBudget(openDatabase(path), clock.clockFor(), { perMinute: 120, profile: 'default' }), priority: 'batch' as const },
      { budget: new RateBudget(openDatabase(path), clock.clockFor(), { perMinute: 120, profile: 'default' }), priority: 'interactive' as const },
    ];
    const loops = processes.map(async ({ budget, priority }) => {
      for (let i = 0; i < 130; i += 1) {
        await budget.acquire(undefined, priority);
        starts.push(clock.time);
      }
      finished += 1;
    });
    await clock.run(() => finished === processes.length);
    await Promise.all(loops);
    starts.sort((a, b) => a - b);
    const minute = mostInAnyWindow(starts, 60_000);
    const tenSeconds = mostInAnyWindow(starts, 10_000);
    const rate = ((starts.length - 1) / (starts.at(-1)! - starts[0]!)) * 60_000;
    console.log(`stalling process: ${starts.length} starts, busiest minute ${minute}, busiest 10 s ${tenSeconds}, ${rate.toFixed(1)}/min`);
    expect(starts).toHaveLength(390);
    expect(minute).toBeLessThanOrEqual(120);
    expect(tenSeconds).toBeLessThanOrEqual(20);
    // Still close to the budget: the log holds back a late start, it does not throttle the rest.
    expect(rate).toBeGreaterThan(110);
  });

  it('jobs that hold a slot and ask for admission only right before the request stay within N per window, stalls included', async () => {
    const clock = new VirtualClock();
    const path = join(temp(), 'h.sqlite');
    const starts: number[] = [];
    let finished = 0;
    // Two job processes at full rate: each takes a batch slot without admitting, and every fourth
    // item stalls 4 s (the journal write, a loaded CPU) before it asks for admission right before
    // its request, as the runner and the client do.
    const stall = clock.clockFor(() => 4000);
    const loops = [0, 1].map(async () => {
      const budget = new RateBudget(openDatabase(path), clock.clockFor(), { perMinute: 120, profile: 'default' });
      for (let i = 1; i <= 100; i += 1) {
        await budget.acquire(undefined, 'batch', { admit: false });
        if (i % 4 === 0) await stall.sleep(0);
        await budget.admit();
        starts.push(clock.time);
      }
      finished += 1;
    });
    await clock.run(() => finished === 2);
    await Promise.all(loops);
    starts.sort((a, b) => a - b);
    expect(mostInAnyWindow(starts, 60_000)).toBeLessThanOrEqual(120);
    expect(mostInAnyWindow(starts, 10_000)).toBeLessThanOrEqual(20);
  });

  it('a full window holds a start back until its oldest start leaves, whoever logged them', async () => {
    const clock = new FakeClock();
    const path = join(temp(), 'h.sqlite');
    // Another process with a budget of 600/min (a CLI run with --rate 600) starts 10 requests…
    const fast = budgetOn(path, clock, 600);
    const first = clock.now();
    for (let i = 0; i < 10; i += 1) await fast.acquire();
    // …and this one, set to 10/min, must wait until the first of them is 60.6 s old.
    const slow = budgetOn(path, clock, 10);
    await slow.acquire();
    expect(clock.now()).toBe(first + 60_000 + START_WINDOW_MARGIN_MS);
  });

  it('the log keeps only the last window', async () => {
    const clock = new FakeClock();
    const path = join(temp(), 'h.sqlite');
    const budget = budgetOn(path, clock, 600);
    for (let i = 0; i < 1200; i += 1) await budget.acquire(undefined, 'batch');
    const db = openDatabase(path);
    const { rows } = db.prepare('SELECT count(*) AS rows FROM rate_starts').get() as { rows: number };
    db.close();
    expect(rows).toBeLessThanOrEqual(600);
  });
});
