import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { transaction } from '../storage/transaction.ts';

/**
 * Full-text indexing, kept off the send path: a send writes only its own row (twice), marked
 * `indexed = 0`; this adds finished rows to the FTS index in batches, in one transaction each.
 * It runs shortly after sends (BackgroundIndexer), at startup, and before any text search.
 */
export class TextIndexer {
  readonly #db: DatabaseSync;
  readonly #pending: StatementSync;
  readonly #index: StatementSync;
  readonly #mark: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#pending = db.prepare(`SELECT id FROM sends WHERE indexed = 0 AND outcome <> 'sending' ORDER BY id LIMIT ?`);
    this.#index = db.prepare(
      `INSERT INTO sends_fts (rowid, name, data, response_body, message) SELECT id, name, data, response_body, message FROM sends WHERE id = ?`,
    );
    this.#mark = db.prepare('UPDATE sends SET indexed = 1 WHERE id = ?');
  }

  /** Indexes up to `limit` finished rows; returns how many. */
  indexPending(limit = Number.MAX_SAFE_INTEGER, batch = 500): number {
    let done = 0;
    while (done < limit) {
      const ids = (this.#pending.all(Math.min(batch, limit - done)) as { id: number }[]).map((row) => row.id);
      if (ids.length === 0) break;
      transaction(this.#db, () => {
        for (const id of ids) {
          this.#index.run(id);
          this.#mark.run(id);
        }
      });
      done += ids.length;
    }
    return done;
  }
}

/** Runs the indexer once sends have been quiet for a moment, never on the send path itself. */
export class BackgroundIndexer {
  readonly #index: () => unknown;
  readonly #delayMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(index: () => unknown, delayMs = 1000) {
    this.#index = index;
    this.#delayMs = delayMs;
  }

  /** Called after each send; the work happens `delayMs` after the last call. */
  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      try {
        this.#index();
      } catch {
        // The next text search catches up; an indexing hiccup must never break sending.
      }
    }, this.#delayMs);
    this.#timer.unref();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}
