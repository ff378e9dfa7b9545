import { describe, expect, it } from 'vitest';
import { RateBudget } from '../../src/main/helpcrunch/rate-budget.ts';
import { FakeClock } from '../support/fake-clock.ts';

describe('RateBudget', () => {
  it('lets a burst through, then spaces requests at the sustained rate', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget(clock, { perMinute: 120, burst: 3 });
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) waits.push(await budget.acquire());
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    // 120/min is one every 500 ms once the burst is spent.
    expect(waits.slice(3)).toEqual([500, 500, 500]);
  });

  it('never exceeds the limit over any minute', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget(clock, { perMinute: 120 });
    const start = clock.now();
    const times: number[] = [];
    for (let i = 0; i < 400; i += 1) {
      await budget.acquire();
      times.push(clock.now() - start);
    }
    for (let i = 0; i < times.length; i += 1) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(120 + 12);
    }
    expect(times.at(-1)).toBeGreaterThanOrEqual(((400 - 12) / 120) * 60_000 - 1);
  });

  it('queues concurrent callers in order by reserving ahead', () => {
    const clock = new FakeClock();
    const budget = new RateBudget(clock, { perMinute: 60, burst: 1 });
    expect([budget.reserve(), budget.reserve(), budget.reserve()]).toEqual([0, 1000, 2000]);
  });

  it('refills while idle, up to the burst size', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget(clock, { perMinute: 60, burst: 2 });
    await budget.acquire();
    await budget.acquire();
    expect(budget.waitMs).toBe(1000);
    clock.time += 10_000;
    expect(budget.waitMs).toBe(0);
    expect([budget.reserve(), budget.reserve(), budget.reserve()]).toEqual([0, 0, 1000]);
  });

  it('holds everyone back after a 429 pause', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget(clock, { perMinute: 120 });
    budget.pauseUntil(clock.now() + 5000);
    expect(await budget.acquire()).toBe(5000);
    expect(await budget.acquire()).toBe(0);
  });

  it('gives the token back when a waiting caller is cancelled', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget(clock, { perMinute: 60, burst: 1 });
    await budget.acquire();
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(budget.acquire(controller.signal)).rejects.toThrow('cancelled');
    expect(budget.reserve()).toBe(1000);
  });
});
