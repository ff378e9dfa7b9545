import type { HistoryRepository } from './history-repository.ts';

export interface FingerprintBackfillOptions {
  /** Ids per step (one transaction each). */
  batch?: number;
  /** Said once if it is still running after this long. */
  noticeAfterMs?: number;
  /** The English sentence (the CLI's), and its figures for the window's words. */
  notify: (message: string, params: Record<string, number>) => void;
}

/**
 * Fills in the fingerprints of rows from before fingerprints existed, in the background: one
 * transaction of `batch` ids per step and a turn of the event loop between steps, so the window's
 * first page, IPC and sends go on meanwhile (the guard covers unprinted rows itself until it is
 * done: HistoryRepository.guardMatch). Any process may run it; the cursor is shared in app_state.
 */
export class FingerprintBackfill {
  readonly #history: HistoryRepository;
  readonly #batch: number;
  readonly #noticeAfterMs: number;
  readonly #notify: (message: string, params: Record<string, number>) => void;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #started = 0;
  #told = false;
  #resolve: () => void = () => {};
  /** Settles when the backfill is done (or stopped). */
  readonly finished: Promise<void>;

  constructor(history: HistoryRepository, options: FingerprintBackfillOptions) {
    this.#history = history;
    this.#batch = options.batch ?? 2000;
    this.#noticeAfterMs = options.noticeAfterMs ?? 3000;
    this.#notify = options.notify;
    this.finished = new Promise((resolve) => (this.#resolve = resolve));
  }

  start(): void {
    this.#started = performance.now();
    if (!this.#history.fingerprintsPending()) return this.#resolve();
    this.#schedule(0);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#resolve();
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    // Unref'd: a CLI command that is done exits; the next process goes on from the cursor.
    this.#timer = setTimeout(() => this.#step(), delayMs);
    this.#timer.unref();
  }

  #step(): void {
    if (this.#stopped) return;
    let step: ReturnType<HistoryRepository['backfillStep']>;
    try {
      step = this.#history.backfillStep(this.#batch);
    } catch {
      // Busy (another process holds the write lock) or closing: try again a little later.
      this.#schedule(1000);
      return;
    }
    const elapsed = performance.now() - this.#started;
    if (step.done) {
      if (this.#told) this.#notify(`Older history entries are ready for the duplicate guard (${(elapsed / 1000).toFixed(0)} s).`, { seconds: Math.round(elapsed / 1000) });
      this.#resolve();
      return;
    }
    if (!this.#told && elapsed > this.#noticeAfterMs) {
      this.#told = true;
      const left = Math.max(0, step.end - step.cursor);
      this.#notify(`Preparing about ${left.toLocaleString('en')} older history entries for the duplicate guard, in the background (${Math.round((100 * step.cursor) / Math.max(1, step.end))}% done). Sending works meanwhile and still checks them.`, { left, percent: Math.round((100 * step.cursor) / Math.max(1, step.end)) });
    }
    this.#schedule(0);
  }
}
