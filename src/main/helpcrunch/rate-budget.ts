import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Clock } from '../clock.ts';
import { transaction } from '../storage/transaction.ts';

export interface RateBudgetOptions {
  /** HelpCrunch documents 120 requests per minute per account. */
  perMinute: number;
  profile: string;
}

/**
 * Requests are spaced this much wider than 60 s / N: network jitter can bring two requests closer
 * together on arrival than they left, and a strict server must never see N + 1 in a window.
 */
export const SPACING_SLACK = 1.02;

/** Who is asking: an interactive request takes the next slot at once; a batch only ever takes a slot that is free now. */
export type Priority = 'interactive' | 'batch';

/**
 * One rate budget per profile, shared by every process that opens the database (the app and any
 * number of CLI runs). A GCRA without burst: the row holds the next moment a request may start,
 * and each request moves it on by 60 s / N inside a BEGIN IMMEDIATE transaction, so at most N
 * requests start in any sliding 60-second window. Bursts are not allowed on purpose: a strict
 * server counts a burst plus a full minute as over the limit.
 *
 * Priority without starvation: an interactive request reserves the next slot (waiting at most
 * one interval behind whatever already holds it); a batch never reserves ahead, it polls for a
 * slot that is free now. So a send from the composer never waits behind hundreds of batch items.
 * A 429 seen by any process pauses them all (`paused_until`).
 */
export class RateBudget {
  readonly #db: DatabaseSync;
  readonly #clock: Clock;
  readonly #profile: string;
  #intervalMs: number;
  readonly #statements: { read: StatementSync; ensure: StatementSync; write: StatementSync; pause: StatementSync };

  constructor(db: DatabaseSync, clock: Clock, options: RateBudgetOptions) {
    if (!(options.perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.#db = db;
    this.#clock = clock;
    this.#profile = options.profile;
    this.#intervalMs = (60_000 / options.perMinute) * SPACING_SLACK;
    this.#statements = {
      ensure: db.prepare('INSERT OR IGNORE INTO rate_budgets (profile, next_at, paused_until) VALUES (?, 0, 0)'),
      read: db.prepare('SELECT next_at, paused_until FROM rate_budgets WHERE profile = ?'),
      write: db.prepare('UPDATE rate_budgets SET next_at = ? WHERE profile = ?'),
      pause: db.prepare('UPDATE rate_budgets SET paused_until = max(paused_until, ?) WHERE profile = ?'),
    };
    this.#statements.ensure.run(this.#profile);
  }

  /** A new budget for the profile (edited in the app): applies to the next request. */
  setPerMinute(perMinute: number): void {
    if (!(perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.#intervalMs = (60_000 / perMinute) * SPACING_SLACK;
  }

  /** The configured budget, in requests per minute. */
  get perMinute(): number {
    return (60_000 * SPACING_SLACK) / this.#intervalMs;
  }

  /** Waits for a slot; resolves with how long it waited, in milliseconds. */
  async acquire(signal?: AbortSignal, priority: Priority = 'interactive'): Promise<number> {
    const started = this.#clock.now();
    if (priority === 'interactive') {
      const wait = this.reserve();
      if (wait > 0) await this.#clock.sleep(wait, signal);
      // A reserved slot given up on abort is simply left unused: the budget errs on the slow side.
      return this.#clock.now() - started;
    }
    for (;;) {
      const wait = this.#takeIfFree();
      if (wait === 0) return this.#clock.now() - started;
      await this.#clock.sleep(wait, signal);
    }
  }

  /** Reserves the next slot and says how long the caller must wait before using it. */
  reserve(): number {
    return this.#transaction((now, next, paused) => {
      const slot = Math.max(now, next, paused);
      this.#statements.write.run(slot + this.#intervalMs, this.#profile);
      return slot - now;
    });
  }

  /** Holds every request of every process back until `until` (after HelpCrunch said 429). */
  pauseUntil(until: number): void {
    this.#statements.pause.run(until, this.#profile);
  }

  /** Milliseconds until the next request could start, for progress displays. */
  get waitMs(): number {
    const row = this.#statements.read.get(this.#profile) as { next_at: number; paused_until: number };
    return Math.max(0, row.next_at - this.#clock.now(), row.paused_until - this.#clock.now());
  }

  /** Takes the slot if it is free now (returns 0), or says how long until it might be. */
  #takeIfFree(): number {
    return this.#transaction((now, next, paused) => {
      const free = Math.max(next, paused);
      if (free > now) return Math.ceil(free - now);
      this.#statements.write.run(now + this.#intervalMs, this.#profile);
      return 0;
    });
  }

  #transaction(work: (now: number, next: number, paused: number) => number): number {
    // IMMEDIATE takes the write lock first, so two processes never read the same slot.
    return transaction(this.#db, () => {
      const row = this.#statements.read.get(this.#profile) as { next_at: number; paused_until: number };
      return work(this.#clock.now(), row.next_at, row.paused_until);
    });
  }
}
