import type { Clock } from '../../src/main/clock.ts';

/** A clock whose time only moves when a sleep is awaited, so waits are exact and instant. */
export class FakeClock implements Clock {
  time = 1_000_000;
  readonly sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    // Like Date.now(), the time stays in whole milliseconds (timers never wake early).
    this.time += Math.ceil(ms);
  }
}
