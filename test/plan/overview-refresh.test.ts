import { afterEach, describe, expect, it, vi } from 'vitest';
import { atMostEvery } from '../../src/renderer/src/api/at-most-every.ts';

// As in src/renderer/src/api/plan-hooks.ts (OVERVIEW_REFRESH_MS).
const OVERVIEW_REFRESH_MS = 3_000;

afterEach(() => vi.useRealTimers());

describe("the Plan view's refresh while the history changes", () => {
  it('reads at once after a quiet spell, then at most once per interval, and never loses the last change', () => {
    vi.useFakeTimers();
    let runs = 0;
    const refresh = atMostEvery(OVERVIEW_REFRESH_MS, () => (runs += 1));
    refresh.poke();
    vi.advanceTimersByTime(0);
    expect(runs).toBe(1);
    // A replay: a change every 10 ms for 10 s reads the counts again 4 times, not 1,000.
    for (let i = 0; i < 1000; i += 1) {
      refresh.poke();
      vi.advanceTimersByTime(10);
    }
    expect(runs).toBe(4);
    // The last change of the replay is read when its interval is up.
    vi.advanceTimersByTime(OVERVIEW_REFRESH_MS);
    expect(runs).toBe(5);
    vi.advanceTimersByTime(OVERVIEW_REFRESH_MS * 10);
    expect(runs).toBe(5);
    // Closing the view drops a pending read.
    refresh.poke();
    refresh.stop();
    vi.advanceTimersByTime(OVERVIEW_REFRESH_MS);
    expect(runs).toBe(5);
  });
});
