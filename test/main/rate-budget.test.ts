import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RateBudget, SPACING_SLACK } from '../../src/main/helpcrunch/rate-budget.ts';
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
