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

const WINDOW_MS = 60_000;
/**
 * Real starts are at least 60 s / N × this apart: N + 1 consecutive starts then span more than a
 * minute plus 0.6 s, which covers arrival jitter; and with requests at least that far apart, no
 * window of any length (a server counting per 10 s as well) sees more than its share.
 */
export const START_GAP_SLACK = 1.01;
/** The log also holds at most N starts in any 60 s plus this (for budgets changed while running). */
export const START_WINDOW_MARGIN_MS = 600;

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
 *
 * Slots are reserved ahead, but a request on a loaded machine can start well after its slot (a CPU
 * stall, a stopped process), next to the request of the following slot: N + 1 in a window at the
 * server. So what really starts is counted too: right before a request, in one BEGIN IMMEDIATE
 * transaction, the log of start times (`rate_starts`) is checked and the start appended (see
 * `#admit`). The log's margins are each half the spacing slack, so on time the check never delays.
 */
export class RateBudget {
  readonly #db: DatabaseSync;
  readonly #clock: Clock;
  readonly #profile: string;
  #intervalMs: number;
  #perMinute: number;
  readonly #statements: { read: StatementSync; ensure: StatementSync; write: StatementSync; pause: StatementSync; latestStart: StatementSync; logSize: StatementSync; nthStart: StatementSync; logStart: StatementSync; prune: StatementSync };

  constructor(db: DatabaseSync, clock: Clock, options: RateBudgetOptions) {
    if (!(options.perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.#db = db;
    this.#clock = clock;
    this.#profile = options.profile;
    this.#perMinute = options.perMinute;
    this.#intervalMs = (WINDOW_MS / options.perMinute) * SPACING_SLACK;
    this.#statements = {
      ensure: db.prepare('INSERT OR IGNORE INTO rate_budgets (profile, next_at, paused_until) VALUES (?, 0, 0)'),
      read: db.prepare('SELECT next_at, paused_until FROM rate_budgets WHERE profile = ?'),
      write: db.prepare('UPDATE rate_budgets SET next_at = ? WHERE profile = ?'),
      pause: db.prepare('UPDATE rate_budgets SET paused_until = max(paused_until, ?) WHERE profile = ?'),
      latestStart: db.prepare('SELECT max(at) AS at FROM rate_starts WHERE profile = ?'),
      // An upper bound on how many starts the log holds (each row has its own rowid), read at the two
      // ends of the table: below N the window cannot be full, and nthStart need not step through it
      // (with a large budget it would step through every start of the last minute).
      logSize: db.prepare('SELECT coalesce((SELECT max(rowid) FROM rate_starts) - (SELECT min(rowid) FROM rate_starts) + 1, 0) AS size'),
      // The Nth newest start inside the window: if there is one, the window is full until it leaves.
      nthStart: db.prepare('SELECT at FROM rate_starts WHERE profile = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?'),
      logStart: db.prepare('INSERT INTO rate_starts (profile, at) VALUES (?, ?)'),
      // Every profile's old starts, so a deleted profile's log goes too.
      prune: db.prepare('DELETE FROM rate_starts WHERE at <= ?'),
    };
    this.#statements.ensure.run(this.#profile);
  }

  /** A new budget for the profile (edited in the app): applies to the next request. */
  setPerMinute(perMinute: number): void {
    if (!(perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.#perMinute = perMinute;
    this.#intervalMs = (WINDOW_MS / perMinute) * SPACING_SLACK;
  }

  /** The configured budget, in requests per minute. */
  get perMinute(): number {
    return this.#perMinute;
  }

  /**
   * Waits for a slot; resolves with how long it waited, in milliseconds. With `admit: false` the
   * caller holds the slot but starts later (a job writes its journal and history row first): it
   * must call `admit()` right before the request, so the start log sees the real start time.
   */
  async acquire(signal?: AbortSignal, priority: Priority = 'interactive', options: { admit?: boolean } = {}): Promise<number> {
    const started = this.#clock.now();
    const admit = options.admit ?? true;
    if (priority === 'interactive') {
      // Usually the slot is free now: reserved and admitted in one transaction.
      const wait = admit ? this.#reserveAndAdmit() : this.reserve();
      if (wait === 'admitted') return this.#clock.now() - started;
      if (wait > 0) await this.#clock.sleep(wait, signal);
      // A reserved slot given up on abort is simply left unused: the budget errs on the slow side.
      // The slot is ours; the start is checked against what really started, now that we are awake.
      if (admit) await this.admit(signal);
      return this.#clock.now() - started;
    }
    for (;;) {
      const wait = this.#takeIfFree(admit);
      if (wait === 0) return this.#clock.now() - started;
      await this.#clock.sleep(wait, signal);
    }
  }

  /** Right before a request starts: waits until the start log admits it, and logs it. */
  async admit(signal?: AbortSignal): Promise<void> {
    for (let late = this.#admitNow(); late > 0; late = this.#admitNow()) await this.#clock.sleep(late, signal);
  }

  /** Reserves the next slot and says how long the caller must wait before using it. */
  reserve(): number {
    return this.#transaction((now, next, paused) => this.#reserveIn(now, next, paused));
  }

  /**
   * `reserve()`, and when the slot is free now, `#admit` in the same transaction (one commit
   * instead of two on the send path): 'admitted' when the start is logged; otherwise how long to
   * wait for the slot, after which the caller asks for admission itself.
   */
  #reserveAndAdmit(): number | 'admitted' {
    return this.#transaction((now, next, paused) => {
      const wait = this.#reserveIn(now, next, paused);
      if (wait > 0) return wait;
      return this.#admit(now, paused) === 0 ? 'admitted' : 0;
    });
  }

  /** Takes the next slot; runs inside the caller's transaction. */
  #reserveIn(now: number, next: number, paused: number): number {
    const slot = Math.max(now, next, paused);
    this.#statements.write.run(slot + this.#intervalMs, this.#profile);
    return slot - now;
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

  /**
   * For a caller holding a write transaction on this budget's connection (the send service, writing
   * the history row before a send): takes the slot and logs the start if both are free now, so they
   * commit with that row (one commit on the send path instead of two). Returns false, taking
   * nothing, when the slot or the log is not free now, or when no transaction is open on this
   * connection (the budget has its own): the client then acquires as usual.
   */
  startWithin(): boolean {
    if (!this.#db.isTransaction) return false;
    const row = this.#statements.read.get(this.#profile) as { next_at: number; paused_until: number };
    return this.#takeIfFreeIn(this.#clock.now(), row.next_at, row.paused_until, true) === 0;
  }

  /**
   * Takes the slot if it is free now and the start log admits a start (returns 0, the start logged),
   * or says how long until it might be. Both in one transaction: a batch held back by the log takes
   * no slot, so an interactive request can still reserve the next one ahead of it.
   */
  #takeIfFree(admit: boolean): number {
    return this.#transaction((now, next, paused) => this.#takeIfFreeIn(now, next, paused, admit));
  }

  /** `#takeIfFree` inside the caller's transaction. */
  #takeIfFreeIn(now: number, next: number, paused: number, admit: boolean): number {
    const free = Math.max(next, paused);
    if (free > now) return Math.ceil(free - now);
    const late = admit ? this.#admit(now, paused) : 0;
    if (late > 0) return late;
    this.#statements.write.run(now + this.#intervalMs, this.#profile);
    return 0;
  }

  /** `#admit` in its own transaction (an interactive request, after waiting for its slot). */
  #admitNow(): number {
    return this.#transaction((now, _next, paused) => this.#admit(now, paused));
  }

  /**
   * Whether a request may start now, judged by the starts logged by every process: not while
   * paused after a 429, not within 60 s / N × START_GAP_SLACK of the last start, not when the last
   * 60 s + START_WINDOW_MARGIN_MS already hold N. Admitted: the start is logged (0). Otherwise how
   * long until it might be, and nothing is logged. Runs inside the caller's transaction.
   */
  #admit(now: number, paused: number): number {
    if (paused > now) return Math.ceil(paused - now);
    const gapMs = (WINDOW_MS / this.#perMinute) * START_GAP_SLACK;
    const latest = (this.#statements.latestStart.get(this.#profile) as { at: number | null }).at;
    if (latest !== null && latest + gapMs > now) return Math.ceil(latest + gapMs - now);
    const span = WINDOW_MS + START_WINDOW_MARGIN_MS;
    const limit = Math.max(1, Math.floor(this.#perMinute));
    const size = (this.#statements.logSize.get() as { size: number }).size;
    const oldest = size < limit ? undefined : (this.#statements.nthStart.get(this.#profile, now - span, limit - 1) as { at: number } | undefined);
    if (oldest) return Math.max(1, Math.ceil(oldest.at + span - now));
    this.#statements.prune.run(now - span);
    this.#statements.logStart.run(this.#profile, now);
    return 0;
  }

  #transaction<T>(work: (now: number, next: number, paused: number) => T): T {
    // IMMEDIATE takes the write lock first, so two processes never read the same slot.
    return transaction(this.#db, () => {
      const row = this.#statements.read.get(this.#profile) as { next_at: number; paused_until: number };
      return work(this.#clock.now(), row.next_at, row.paused_until);
    });
  }
}
