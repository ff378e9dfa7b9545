/**
 * The pace a job holds on top of the shared budget: additive increase, multiplicative decrease.
 * A 429 means the server is stricter than the budget (another desktop on the same account, a
 * lower plan): slow down at once; each delivered item creeps back up towards the budget.
 */
export class AdaptivePace {
  readonly ceiling: number;
  #perMinute: number;

  constructor(ceiling: number, start = ceiling) {
    this.ceiling = ceiling;
    this.#perMinute = Math.min(start, ceiling);
  }

  get perMinute(): number {
    return this.#perMinute;
  }

  /** Milliseconds between two starts at the current pace. */
  get intervalMs(): number {
    return 60_000 / this.#perMinute;
  }

  delivered(): void {
    // About 1% of the budget per delivered item: back to full speed within ~100 items.
    this.#perMinute = Math.min(this.ceiling, this.#perMinute + Math.max(0.5, this.ceiling / 100));
  }

  rateLimited(): void {
    this.#perMinute = Math.max(1, this.#perMinute * 0.85);
  }
}

/** Full-jitter exponential backoff: between half and all of min(cap, base × 2^(n-1)). */
export function backoffMs(attempt: number, random: () => number, baseMs = 1000, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
