import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { HelpCrunchEvent } from '../../shared/event.ts';
import { dispositionSchema, EMPTY_FILTER, outcomeSchema, type Disposition, type HistoryEntry, type HistoryFilter, type HistoryPage, type Outcome } from '../../shared/history.ts';
import type { SendOutcome } from '../helpcrunch/send-outcome.ts';
import { filterSql, OUTBOX_STATE_SQL, registerFold, type FilterSql } from './history-filter-sql.ts';
import { TextIndexer } from './text-indexer.ts';
import { transaction } from '../storage/transaction.ts';
import { fingerprint } from '../replay/fingerprint.ts';
import { GUARD_SQL } from '../storage/migrations.ts';

interface Row {
  id: number;
  profile: string;
  created_at: number;
  updated_at: number;
  outcome: string;
  name: string;
  customer: number;
  data: string;
  http_status: number | null;
  response_body: string | null;
  message: string | null;
  errors: string;
  event_id: number | null;
  event_created_at: number | null;
  attempts: number;
  duration_ms: number | null;
  customer_name: string | null;
  customer_email: string | null;
  saved_event_id: number | null;
  disposition: string | null;
  outbox_state?: string | null;
}

interface GuardRow {
  id: number;
  event_id: number | null;
  created_at: number;
  outcome: string;
  disposition: string | null;
}

/** A send with the same fingerprint that may have landed: the duplicate guard's reason to refuse. */
export interface GuardMatch {
  id: number;
  eventId: number | null;
  createdAt: number;
  /** delivered, in flight (another window or process is sending it), or unknown (it may have landed). */
  state: 'delivered' | 'in-flight' | 'unknown';
}

/** What a guarded row's outcome means to the duplicate guard (every guard reads it from here). */
export function guardState(outcome: string): GuardMatch['state'] {
  return outcome === 'sending' ? 'in-flight' : outcome === 'sent' ? 'delivered' : 'unknown';
}

export const UNKNOWN_OUTCOME_MESSAGE =
  'Event Desk closed before HelpCrunch answered, so this event may or may not have been created. Check the customer\'s profile before sending it again.';

const SELECT_ENTRY = `SELECT s.*, k.name AS customer_name, k.email AS customer_email, ${OUTBOX_STATE_SQL} AS outbox_state`;
const JOIN_KNOWN = `LEFT JOIN known_customers k ON k.profile = s.profile AND k.id = s.customer`;

/** Every send attempt, written before the request leaves and completed after. Never holds the API key. */
export class HistoryRepository {
  readonly #db: DatabaseSync;
  readonly #statements: {
    insert: StatementSync;
    insertUnlessGuarded: StatementSync;
    complete: StatementSync;
    get: StatementSync;
    linkOutbox: StatementSync;
    outboxDelivered: StatementSync;
    markUnknown: StatementSync;
    names: StatementSync;
    deleteOne: StatementSync;
    deleteBefore: StatementSync;
    guard: StatementSync;
    guardUnprinted: StatementSync;
    unprinted: StatementSync;
    setPrint: StatementSync;
    backfillState: StatementSync;
    setBackfillState: StatementSync;
    maxId: StatementSync;
  };
  /** Set once every row older than fingerprints has one (monotonic: never unset, whoever finished it). */
  #allPrinted = false;
  /** Prepared filter queries, by their SQL text: a filter's shape repeats while its values change. */
  readonly #prepared = new Map<string, StatementSync>();
  readonly #indexer: TextIndexer;

  constructor(db: DatabaseSync) {
    this.#db = db;
    // The filter's SQL folds names with it ("jose" finds José).
    registerFold(db);
    this.#indexer = new TextIndexer(db);
    this.#statements = {
      insert: db.prepare(
        `INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data, run_id, indexed, fingerprint, saved_event_id)
         VALUES (?, ?, ?, 'sending', ?, ?, ?, ?, 0, ?, ?) RETURNING id`,
      ),
      // The duplicate guard and the before-send row in one statement. A write statement takes the
      // write lock when it starts, before its NOT EXISTS reads anything (as BEGIN IMMEDIATE does), so
      // two processes sending the same event at once cannot both pass it. GUARD_SQL word for word,
      // so the subquery reads the partial index sends_guard.
      insertUnlessGuarded: db.prepare(
        `INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data, run_id, indexed, fingerprint, saved_event_id)
         SELECT :profile, :now, :now, 'sending', :name, :customer, :data, :runId, 0, :print, :savedEventId
         WHERE NOT EXISTS (SELECT 1 FROM sends WHERE profile = :profile AND fingerprint = :print AND ${GUARD_SQL})
         RETURNING id`,
      ),
      // The known customer's name and email come back with the update: one statement, no read after.
      complete: db.prepare(
        `UPDATE sends SET updated_at = :updatedAt, outcome = :outcome, http_status = :httpStatus, response_body = :responseBody,
           message = :message, errors = :errors, event_id = :eventId, event_created_at = :eventCreatedAt,
           attempts = :attempts, duration_ms = :durationMs, disposition = :disposition
         WHERE id = :id
         RETURNING (SELECT name FROM known_customers k WHERE k.profile = sends.profile AND k.id = sends.customer) AS name,
           (SELECT email FROM known_customers k WHERE k.profile = sends.profile AND k.id = sends.customer) AS email`,
      ),
      get: db.prepare(`${SELECT_ENTRY} FROM sends s ${JOIN_KNOWN} WHERE s.id = ?`),
      linkOutbox: db.prepare('INSERT INTO outbox_attempts (history_id, item) VALUES (?, ?) ON CONFLICT (history_id) DO UPDATE SET item = excluded.item'),
      outboxDelivered: db.prepare('UPDATE outbox_attempts SET delivered_as = ? WHERE item = ?'),
      markUnknown: db.prepare(
        `UPDATE sends SET outcome = 'unknown', disposition = 'maybe-landed', message = ?, updated_at = ?
         WHERE outcome = 'sending' AND (run_id IS NULL OR run_id NOT IN (SELECT value FROM json_each(?)))`,
      ),
      names: db.prepare('SELECT name FROM event_names WHERE profile = ? ORDER BY last_used DESC LIMIT ?'),
      deleteOne: db.prepare('DELETE FROM sends WHERE profile = ? AND id = ?'),
      deleteBefore: db.prepare('DELETE FROM sends WHERE profile = ? AND created_at < ?'),
      // GUARD_SQL word for word, so SQLite reads the partial index sends_guard.
      guard: db.prepare(`SELECT id, event_id, created_at, outcome, disposition FROM sends WHERE profile = ? AND fingerprint = ? AND ${GUARD_SQL} ORDER BY id DESC LIMIT 1`),
      // Rows without a fingerprint (written before fingerprints existed) that may have landed, for
      // the same customer and name: read through the (profile, customer, id) index.
      guardUnprinted: db.prepare(
        `SELECT id, event_id, created_at, outcome, disposition, data FROM sends INDEXED BY sends_profile_customer
         WHERE profile = ? AND customer = ? AND name = ? AND fingerprint IS NULL AND ${GUARD_SQL} ORDER BY id DESC`,
      ),
      // One id range at a time (a rowid range scan): bounded work per batch whatever the history holds.
      unprinted: db.prepare(`SELECT id, name, customer, data FROM sends WHERE id > ? AND id <= ? AND fingerprint IS NULL`),
      setPrint: db.prepare('UPDATE sends SET fingerprint = ? WHERE id = ? AND fingerprint IS NULL'),
      backfillState: db.prepare(`SELECT value FROM app_state WHERE key = 'fingerprint_backfill'`),
      setBackfillState: db.prepare(`INSERT INTO app_state (key, value) VALUES ('fingerprint_backfill', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
      maxId: db.prepare('SELECT coalesce(max(id), 0) AS id FROM sends'),
    };
  }

  /** Records the request as "sending" by run `runId` (the process sending it); returns its id. `print` is the event's fingerprint when the caller already has it. */
  insertSending(profile: string, event: HelpCrunchEvent, now: number, runId: string | null = null, savedEventId: number | null = null, print: string = fingerprint(event)): number {
    const row = this.#statements.insert.get(profile, now, now, event.name, event.customer, JSON.stringify(event.data), runId, print, savedEventId) as { id: number };
    return row.id;
  }

  /**
   * The latest send of the same event (name, customer, data) that may have landed: delivered, in
   * flight, or with an unknown outcome. Null when every earlier send provably did not land.
   *
   * While the background backfill has not finished, rows written before fingerprints existed may
   * still have none, and the partial index sends_guard cannot see them. So until it has finished
   * (app_state says so: written in the backfill's last transaction, read here under the caller's
   * lock), the guard also reads this customer's unprinted rows of the same name and compares their
   * canonical data. Each row has either its fingerprint (seen by GUARD_SQL) or none (seen here):
   * a batch of the backfill commits atomically, so no row is ever missed by both.
   */
  guardMatch(profile: string, print: string, event: HelpCrunchEvent): GuardMatch | null {
    const row = this.#statements.guard.get(profile, print) as GuardRow | undefined;
    const unprinted = this.fingerprintsPending() ? this.#unprintedMatch(profile, print, event) : undefined;
    const latest = row && unprinted ? (row.id > unprinted.id ? row : unprinted) : (row ?? unprinted);
    if (!latest) return null;
    const state = guardState(latest.outcome);
    return { id: latest.id, eventId: latest.event_id, createdAt: latest.created_at, state };
  }

  /** True until every row older than fingerprints has one. Once false, false for good. */
  fingerprintsPending(): boolean {
    if (this.#allPrinted) return false;
    const state = this.#statements.backfillState.get() as { value: string } | undefined;
    if (state?.value === 'done') this.#allPrinted = true;
    return !this.#allPrinted;
  }

  #unprintedMatch(profile: string, print: string, event: HelpCrunchEvent): GuardRow | undefined {
    for (const row of this.#statements.guardUnprinted.iterate(profile, event.customer, event.name) as Iterable<GuardRow & { data: string }>) {
      let data: unknown;
      try {
        data = JSON.parse(row.data);
      } catch {
        // Damaged: its backfilled fingerprint (of the raw text) matches nothing real either.
        continue;
      }
      if (fingerprint({ name: event.name, customer: event.customer, data }) === print) return row;
    }
    return undefined;
  }

  /**
   * The duplicate guard and the before-send row, atomically: two windows or processes sending the
   * same event at once cannot both pass the check. Returns the new row's id, or the earlier send
   * that makes this one a duplicate (nothing written then). `alongside` runs once the row is written,
   * in the same transaction, and commits with it (the send's start in the rate budget).
   *
   * The usual case is one statement (guard and insert together, see insertUnlessGuarded). While
   * old rows still lack fingerprints, or when that statement finds a match (whose details the
   * refusal names), the check runs again with the insert under one BEGIN IMMEDIATE.
   */
  recordSending(profile: string, event: HelpCrunchEvent, now: number, runId: string | null, savedEventId: number | null, print: string, allowDuplicate: boolean, alongside?: () => void, withRow?: (id: number) => void): { id: number } | { duplicateOf: GuardMatch } {
    const record = (locked: boolean): { id: number } | { duplicateOf: GuardMatch } => {
      if (allowDuplicate) return { id: this.insertSending(profile, event, now, runId, savedEventId, print) };
      if (!this.fingerprintsPending()) {
        const row = this.#statements.insertUnlessGuarded.get({ profile, now, name: event.name, customer: event.customer, data: JSON.stringify(event.data), runId, print, savedEventId }) as { id: number } | undefined;
        if (row) return { id: row.id };
      }
      const checkThenInsert = () => {
        const match = this.guardMatch(profile, print, event);
        return match ? { duplicateOf: match } : { id: this.insertSending(profile, event, now, runId, savedEventId, print) };
      };
      return locked ? checkThenInsert() : this.#transaction(checkThenInsert);
    };
    if (!alongside && !withRow) return record(false);
    // withRow writes what belongs to the row (the plan's verdict) in the row's own transaction.
    return this.#transaction(() => {
      const result = record(true);
      if ('id' in result) {
        withRow?.(result.id);
        alongside?.();
      }
      return result;
    });
  }

  /**
   * One step of filling in the fingerprints of sends recorded before fingerprints existed: the rows
   * of the next `size` ids, in one transaction, so sends and page reads interleave between steps.
   * The cursor lives in app_state (a restart, or another process, goes on from it); the end is the
   * newest id when the backfill began (every later row was written with its fingerprint). Returns
   * how far it is; `done` once every row has one (then the guard reads sends_guard alone).
   */
  backfillStep(size = 2000): { done: boolean; cursor: number; end: number; filled: number } {
    if (this.#allPrinted) return { done: true, cursor: 0, end: 0, filled: 0 };
    return this.#transaction(() => {
      const state = (this.#statements.backfillState.get() as { value: string } | undefined)?.value;
      if (state === 'done') {
        this.#allPrinted = true;
        return { done: true, cursor: 0, end: 0, filled: 0 };
      }
      const [cursor, end] = state ? state.split('/').map(Number) as [number, number] : [0, (this.#statements.maxId.get() as { id: number }).id];
      const upTo = Math.min(end, cursor + size);
      const rows = this.#statements.unprinted.all(cursor, upTo) as { id: number; name: string; customer: number; data: string }[];
      for (const row of rows) {
        let data: unknown = null;
        try {
          data = JSON.parse(row.data);
        } catch {
          // A damaged row gets a fingerprint of its raw text: it matches nothing real.
          data = row.data;
        }
        this.#statements.setPrint.run(fingerprint({ name: row.name, customer: row.customer, data }), row.id);
      }
      const done = upTo >= end;
      this.#statements.setBackfillState.run(done ? 'done' : `${upTo}/${end}`);
      if (done) this.#allPrinted = true;
      return { done, cursor: upTo, end, filled: rows.length };
    });
  }

  /** The whole backfill at once (tests, tools); the app runs it step by step in the background. */
  backfillFingerprints(size = 2000): number {
    let filled = 0;
    for (;;) {
      const step = this.backfillStep(size);
      filled += step.filled;
      if (step.done) return filled;
    }
  }

  /** This attempt's event waits in outbox item `item` (it did not reach HelpCrunch): History says "In the outbox". */
  linkOutbox(historyId: number, item: number): void {
    this.#statements.linkOutbox.run(historyId, item);
  }

  /** The outbox delivered item `item` as send `historyId`: its earlier attempts read "Sent later". */
  outboxDelivered(item: number, historyId: number): void {
    this.#statements.outboxDelivered.run(historyId, item);
  }

  /** Records how the send ended; returns the finished entry (built in memory: no read back). */
  complete(entry: { id: number; profile: string; createdAt: number; request: HelpCrunchEvent; savedEventId?: number | null }, outcome: SendOutcome, now: number): HistoryEntry {
    const known = this.#statements.complete.get({
      id: entry.id,
      updatedAt: now,
      outcome: outcome.outcome,
      disposition: outcome.disposition,
      httpStatus: outcome.httpStatus,
      responseBody: outcome.responseBody,
      message: outcome.message,
      errors: JSON.stringify(outcome.errors),
      eventId: outcome.eventId,
      eventCreatedAt: outcome.eventCreatedAt,
      attempts: outcome.attempts,
      durationMs: Math.round(outcome.durationMs),
    }) as { name: string | null; email: string | null } | undefined;
    return { ...entry, ...outcome, durationMs: Math.round(outcome.durationMs), updatedAt: now, customerName: known?.name ?? null, customerEmail: known?.email ?? null, unreadable: null, savedEventId: entry.savedEventId ?? null, outbox: null };
  }

  /**
   * Rows left "sending" by a run that is gone (it died mid-send) become "unknown": shown, never
   * dropped and never resent automatically. Rows of the live runs (another window, a CLI run
   * still sending) are left alone.
   */
  markInterruptedAsUnknown(now: number, liveRunIds: readonly string[] = []): number {
    return Number(this.#statements.markUnknown.run(UNKNOWN_OUTCOME_MESSAGE, now, JSON.stringify(liveRunIds)).changes);
  }

  /** Adds finished sends to the full-text index (the send path leaves it to this); returns how many. */
  indexPending(limit = Number.MAX_SAFE_INTEGER): number {
    return this.#indexer.indexPending(limit);
  }

  get(id: number): HistoryEntry | null {
    const row = this.#statements.get.get(id) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  /** Newest first, keyset-paginated on id so new rows never shift a page. */
  page(limit: number, beforeId: number | null, profile = 'default', filter: HistoryFilter | null = null): HistoryPage {
    const rows = this.#pageRows(profile, filter, limit + 1, beforeId);
    const entries = rows.slice(0, limit).map(toEntry);
    return { entries, nextBeforeId: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
  }

  count(profile: string, filter: HistoryFilter): number {
    const sql = this.#filterSql(profile, filter);
    const row = this.#statement(`SELECT count(*) AS n FROM ${sql.from} WHERE ${sql.where.join(' AND ')}`).get(sql.params) as { n: number };
    return row.n;
  }

  /** Every matching entry, newest first, read a page at a time so memory stays flat at any size. */
  *iterate(profile: string, filter: HistoryFilter | null, ids: number[] | null = null, pageSize = 1000): Generator<HistoryEntry> {
    if (ids !== null) {
      for (const id of ids.toSorted((a, b) => b - a)) {
        const entry = this.get(id);
        if (entry && entry.profile === profile) yield entry;
      }
      return;
    }
    let beforeId: number | null = null;
    for (;;) {
      const rows = this.#pageRows(profile, filter, pageSize, beforeId);
      for (const row of rows) yield toEntry(row);
      if (rows.length < pageSize) return;
      beforeId = rows.at(-1)!.id;
    }
  }

  /** Event names used before, most recent first: the filter's choices and the composer's suggestions. */
  eventNames(profile: string, limit = 200): string[] {
    return (this.#statements.names.all(profile, limit) as { name: string }[]).map((row) => row.name);
  }

  delete(profile: string, ids: number[]): number {
    let deleted = 0;
    this.#transaction(() => {
      for (const id of ids) deleted += Number(this.#statements.deleteOne.run(profile, id).changes);
    });
    return deleted;
  }

  /** Deletes every entry matching the filter (all of them with an empty filter). */
  deleteMatching(profile: string, filter: HistoryFilter): number {
    const sql = this.#filterSql(profile, filter);
    const result = this.#statement(`DELETE FROM sends WHERE id IN (SELECT ${sql.idColumn} FROM ${sql.from} WHERE ${sql.where.join(' AND ')})`).run(sql.params);
    return Number(result.changes);
  }

  /** Retention: removes entries created before `cutoff`. */
  deleteOlderThan(profile: string, cutoff: number): number {
    return Number(this.#statements.deleteBefore.run(profile, cutoff).changes);
  }

  #pageRows(profile: string, filter: HistoryFilter | null, limit: number, beforeId: number | null): Row[] {
    const sql = this.#filterSql(profile, filter ?? EMPTY_FILTER);
    const where = beforeId === null ? sql.where : [...sql.where, `${sql.idColumn} < :beforeId`];
    const params = beforeId === null ? sql.params : { ...sql.params, beforeId };
    // Two steps: find the page's ids from the indexes alone (a covering scan for most filters),
    // then read just those rows. Reading whole rows while sorting cost 20 ms at a million entries.
    const ids = `SELECT ${sql.idColumn} FROM ${sql.from} WHERE ${where.join(' AND ')} ORDER BY ${sql.idColumn} DESC LIMIT :limit`;
    const text = `${SELECT_ENTRY} FROM sends s ${JOIN_KNOWN} WHERE s.id IN (${ids}) ORDER BY s.id DESC`;
    return this.#statement(text).all({ ...params, limit }) as unknown as Row[];
  }

  /** A text search first catches the index up, so a send that just finished is found. */
  #filterSql(profile: string, filter: HistoryFilter): FilterSql {
    const sql = filterSql(profile, filter);
    if (sql.idColumn !== 's.id') this.#indexer.indexPending();
    return sql;
  }

  #statement(text: string): StatementSync {
    let statement = this.#prepared.get(text);
    if (!statement) {
      // Filter shapes are few (the contract bounds them); the cap is a guard, not a tuning knob.
      if (this.#prepared.size >= 256) this.#prepared.clear();
      statement = this.#db.prepare(text);
      this.#prepared.set(text, statement);
    }
    return statement;
  }

  #transaction<T>(work: () => T): T {
    return transaction(this.#db, work);
  }
}

const OUTCOMES = new Set<string>(outcomeSchema.options);

/**
 * A row as an entry. A damaged row (crafted by hand, half-written by an old bug) must break only
 * itself: what cannot be read is replaced and the entry says why, so every page still loads.
 */
function toEntry(row: Row): HistoryEntry {
  const problems: string[] = [];
  const data = readJson(row.data, (value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'its data', problems) as Record<string, unknown> | null;
  const errors = readJson(row.errors, (value) => Array.isArray(value) && value.every((item) => typeof item?.code === 'string' && typeof item?.message === 'string'), 'its error list', problems) as HistoryEntry['errors'] | null;
  if (!OUTCOMES.has(row.outcome)) problems.push(`its outcome "${String(row.outcome).slice(0, 40)}" is not one Event Desk knows`);
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  return {
    id: row.id,
    profile: String(row.profile),
    createdAt: number(row.created_at) ?? 0,
    updatedAt: number(row.updated_at) ?? 0,
    outcome: OUTCOMES.has(row.outcome) ? (row.outcome as Outcome) : 'unknown',
    disposition: readDisposition(row),
    request: { name: String(row.name), customer: number(row.customer) ?? 0, data: data ?? {} },
    httpStatus: number(row.http_status),
    responseBody: typeof row.response_body === 'string' ? row.response_body : null,
    message: typeof row.message === 'string' ? row.message : null,
    errors: errors ?? [],
    eventId: number(row.event_id),
    eventCreatedAt: number(row.event_created_at),
    attempts: number(row.attempts) ?? 0,
    durationMs: number(row.duration_ms),
    customerName: row.customer_name,
    customerEmail: row.customer_email,
    unreadable: problems.length > 0 ? `This history entry is damaged: ${problems.join('; ')}.` : null,
    savedEventId: number(row.saved_event_id),
    outbox: row.outbox_state === 'waiting' || row.outbox_state === 'delivered' ? row.outbox_state : null,
  };
}

/** Rows from before dispositions were stored are read by their outcome, on the safe side (anything unclear may have landed). */
function readDisposition(row: Row): Disposition | null {
  const stored = dispositionSchema.safeParse(row.disposition);
  if (stored.success) return stored.data;
  switch (row.outcome) {
    case 'sending':
      return null;
    case 'sent':
      return 'delivered';
    case 'rejected':
    case 'unauthorized':
    case 'not_found':
      return 'rejected';
    case 'rate_limited':
      return 'not-sent';
    default:
      return 'maybe-landed';
  }
}

function readJson(text: unknown, valid: (value: any) => boolean, what: string, problems: string[]): unknown {
  try {
    const value: unknown = JSON.parse(String(text));
    if (valid(value)) return value;
  } catch {
    // Reported below like any other unreadable value.
  }
  problems.push(`${what} could not be read`);
  return null;
}
