import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { transaction } from '../storage/transaction.ts';

/** A new item as the planner writes it: an event (its data as JSON text), or an invalid record (no event). */
export interface NewItem {
  line: number;
  state: 'pending' | 'skipped' | 'invalid';
  name: string | null;
  customer: number | null;
  dataJson: string | null;
  fingerprint: string | null;
  error: string | null;
}

/**
 * Rows per INSERT statement. One call binds this many rows: a call per row was most of the
 * journal's cost, and past a few dozen rows a statement gains nothing more.
 */
const ROWS_PER_INSERT = 25;
const COLUMNS = '(job_id, seq, line, state, name, customer, data, fingerprint, error, updated_at)';
/** ?1 the job, ?2 the time, ?3 the seq of the statement's first row: bound once per statement. */
const row = (index: number) => `(?1, ?3 + ${index}, ?, ?, ?, ?, ?, ?, ?, ?2)`;
const PER_ROW = 7;

/** The journal as the planner writes it: a batch of new items at a time, and an item already written. */
export class PlanJournal {
  readonly #db: DatabaseSync;
  readonly #insertMany: StatementSync;
  readonly #insertOne: StatementSync;
  readonly #item: StatementSync;
  readonly #many: unknown[] = Array.from({ length: 3 + ROWS_PER_INSERT * PER_ROW }, () => null);
  readonly #one: unknown[] = Array.from({ length: 3 + PER_ROW }, () => null);

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#insertMany = db.prepare(`INSERT INTO job_items ${COLUMNS} VALUES ${Array.from({ length: ROWS_PER_INSERT }, (_, index) => row(index)).join(', ')}`);
    this.#insertOne = db.prepare(`INSERT INTO job_items ${COLUMNS} VALUES ${row(0)}`);
    this.#item = db.prepare('SELECT fingerprint, line FROM job_items WHERE job_id = ? AND seq = ?');
  }

  /** Writes a batch of planned items (seqs from `firstSeq` on) in one transaction. */
  add(jobId: number, firstSeq: number, items: readonly NewItem[], now: number): void {
    transaction(this.#db, () => {
      let index = 0;
      for (; index + ROWS_PER_INSERT <= items.length; index += ROWS_PER_INSERT) {
        this.#bind(this.#many, jobId, firstSeq + index, now, items, index, ROWS_PER_INSERT);
        this.#insertMany.run(...(this.#many as never[]));
      }
      for (; index < items.length; index += 1) {
        this.#bind(this.#one, jobId, firstSeq + index, now, items, index, 1);
        this.#insertOne.run(...(this.#one as never[]));
      }
    });
  }

  /** An item already written: its fingerprint (null for invalid items) and position. */
  item(jobId: number, seq: number): { fingerprint: string | null; position: number } | undefined {
    const found = this.#item.get(jobId, seq) as { fingerprint: string | null; line: number } | undefined;
    return found ? { fingerprint: found.fingerprint, position: found.line } : undefined;
  }

  #bind(params: unknown[], jobId: number, firstSeq: number, now: number, items: readonly NewItem[], from: number, count: number): void {
    params[0] = jobId;
    params[1] = now;
    params[2] = firstSeq;
    for (let offset = 3, index = from; index < from + count; index += 1, offset += PER_ROW) {
      const item = items[index]!;
      params[offset] = item.line;
      params[offset + 1] = item.state;
      params[offset + 2] = item.name;
      params[offset + 3] = item.customer;
      params[offset + 4] = item.dataJson;
      params[offset + 5] = item.fingerprint;
      params[offset + 6] = item.error;
    }
  }
}
