export interface Timers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
};

/**
 * Calls `settle` with the last value once no new value has arrived for `delayMs`. Pure and
 * timer-injected, so the type-ahead's request budget is tested with a fake clock.
 */
export function createDebouncer<T>(delayMs: number, settle: (value: T) => void, timers: Timers = realTimers) {
  let pending: unknown;
  return {
    push(value: T): void {
      if (pending !== undefined) timers.clearTimeout(pending);
      pending = timers.setTimeout(() => {
        pending = undefined;
        settle(value);
      }, delayMs);
    },
    /** Settles at once (Enter pressed, field left). */
    flush(value: T): void {
      this.cancel();
      settle(value);
    },
    cancel(): void {
      if (pending !== undefined) timers.clearTimeout(pending);
      pending = undefined;
    },
  };
}
