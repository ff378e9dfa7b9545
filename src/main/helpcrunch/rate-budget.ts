import type { Clock } from '../clock.ts';

export interface RateBudgetOptions {
  /** Sustained rate; HelpCrunch documents 120 requests per minute per account. */
  perMinute: number;
  /** How many requests may go at once after a quiet spell; defaults to a tenth of a minute's worth. */
  burst?: number;
}

/**
 * A token bucket that every HelpCrunch request of a profile passes. Waiters reserve tokens in
 * arrival order (the balance may go negative), so a batch cannot starve an interactive send for
 * longer than its own queue, and a 429 pauses everyone at once.
 */
export class RateBudget {
  readonly #clock: Clock;
  readonly #perMs: number;
  readonly #capacity: number;
  #tokens: number;
  #updatedAt: number;
  #pausedUntil = 0;

  constructor(clock: Clock, options: RateBudgetOptions) {
    if (!(options.perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.#clock = clock;
    this.#perMs = options.perMinute / 60_000;
    this.#capacity = Math.max(1, options.burst ?? Math.ceil(options.perMinute / 10));
    this.#tokens = this.#capacity;
    this.#updatedAt = clock.now();
  }

  /** Waits for a token; resolves with how long it waited, in milliseconds. */
  async acquire(signal?: AbortSignal): Promise<number> {
    const wait = this.reserve();
    if (wait <= 0) return 0;
    try {
      await this.#clock.sleep(wait, signal);
    } catch (error) {
      this.#tokens += 1; // give the reserved token back to the queue
      throw error;
    }
    return wait;
  }

  /** Takes a token now and says how long the caller must wait before using it. */
  reserve(): number {
    const now = this.#clock.now();
    this.#refill(now);
    this.#tokens -= 1;
    const tokenWait = this.#tokens >= 0 ? 0 : Math.ceil(-this.#tokens / this.#perMs);
    return Math.max(tokenWait, this.#pausedUntil - now);
  }

  /** Holds every request back until `until` (after HelpCrunch said 429). */
  pauseUntil(until: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
  }

  /** Milliseconds until the next request could start, for progress displays. */
  get waitMs(): number {
    const now = this.#clock.now();
    this.#refill(now);
    const tokenWait = this.#tokens >= 1 ? 0 : Math.ceil((1 - this.#tokens) / this.#perMs);
    return Math.max(tokenWait, this.#pausedUntil - now);
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(this.#capacity, this.#tokens + elapsed * this.#perMs);
    this.#updatedAt = now;
  }
}
