import type { DatabaseSync, StatementSync } from 'node:sqlite';

export interface CheckpointerOptions {
  /** How often to look; a checkpoint runs once this connection has written nothing for one period. */
  quietMs?: number;
  /** While writes keep coming (a long job), a checkpoint still runs at least this often. */
  maxIntervalMs?: number;
}

/**
 * Keeps the WAL checkpoint off the send path. SQLite's automatic checkpoint runs inside whichever
 * commit pushes the WAL past 1,000 pages: with ~16 pages per send, one send in ~60 paid several
 * milliseconds for it. This connection's automatic checkpoint is turned off, and a PASSIVE
 * checkpoint (it never waits for readers or writers) runs from a timer instead: after a quiet
 * period, and at least every `maxIntervalMs` while writes go on, so the WAL stays bounded under a
 * job of any length (journal_size_limit also truncates it after a reset). Closing the last
 * connection checkpoints as before.
 */
export class Checkpointer {
  readonly #db: DatabaseSync;
  readonly #quietMs: number;
  readonly #maxIntervalMs: number;
  readonly #changes: StatementSync;
  #timer: NodeJS.Timeout | undefined;
  #seen = 0;
  #checkpointed = 0;
  #lastCheckpointAt = 0;

  constructor(db: DatabaseSync, options: CheckpointerOptions = {}) {
    this.#db = db;
    this.#quietMs = options.quietMs ?? 1000;
    this.#maxIntervalMs = options.maxIntervalMs ?? 5000;
    this.#changes = db.prepare('SELECT total_changes() AS n');
  }

  start(): void {
    this.#db.exec('PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864;');
    this.#seen = this.#checkpointed = this.#count();
    this.#lastCheckpointAt = performance.now();
    this.#timer = setInterval(() => this.tick(), this.#quietMs);
    this.#timer.unref();
  }

  /** One look (the timer's; tests call it directly): checkpoints when quiet, or when overdue. */
  tick(now = performance.now()): boolean {
    let changes: number;
    try {
      changes = this.#count();
    } catch {
      return false; // Closed: stop() follows.
    }
    const quiet = changes === this.#seen;
    this.#seen = changes;
    if (changes === this.#checkpointed) return false;
    if (!quiet && now - this.#lastCheckpointAt < this.#maxIntervalMs) return false;
    try {
      this.#db.exec('PRAGMA wal_checkpoint(PASSIVE)');
      this.#checkpointed = changes;
      this.#lastCheckpointAt = now;
      return true;
    } catch {
      // Busy or closing: the next tick tries again.
      return false;
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #count(): number {
    return (this.#changes.get() as { n: number }).n;
  }
}
