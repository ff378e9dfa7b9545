import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { HelpCrunchEvent } from '../../shared/event.ts';
import type { HistoryEntry, HistoryPage, Outcome } from '../../shared/history.ts';
import type { SendOutcome } from '../helpcrunch/send-outcome.ts';

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
}

export const UNKNOWN_OUTCOME_MESSAGE =
  'Event Desk closed before HelpCrunch answered, so this event may or may not have been created. Check the customer\'s profile before sending it again.';

/** Every send attempt, written before the request leaves and completed after. Never holds the API key. */
export class HistoryRepository {
  readonly #statements: {
    insert: StatementSync;
    complete: StatementSync;
    get: StatementSync;
    page: StatementSync;
    pageBefore: StatementSync;
    markUnknown: StatementSync;
  };

  constructor(db: DatabaseSync) {
    this.#statements = {
      insert: db.prepare(
        `INSERT INTO sends (profile, created_at, updated_at, outcome, name, customer, data)
         VALUES (?, ?, ?, 'sending', ?, ?, ?) RETURNING id`,
      ),
      complete: db.prepare(
        `UPDATE sends SET updated_at = :updatedAt, outcome = :outcome, http_status = :httpStatus, response_body = :responseBody,
           message = :message, errors = :errors, event_id = :eventId, event_created_at = :eventCreatedAt,
           attempts = :attempts, duration_ms = :durationMs
         WHERE id = :id`,
      ),
      get: db.prepare('SELECT * FROM sends WHERE id = ?'),
      page: db.prepare('SELECT * FROM sends ORDER BY id DESC LIMIT ?'),
      pageBefore: db.prepare('SELECT * FROM sends WHERE id < ? ORDER BY id DESC LIMIT ?'),
      markUnknown: db.prepare(`UPDATE sends SET outcome = 'unknown', message = ?, updated_at = ? WHERE outcome = 'sending'`),
    };
  }

  /** Records the request as "sending"; returns its id. */
  insertSending(profile: string, event: HelpCrunchEvent, now: number): number {
    const row = this.#statements.insert.get(profile, now, now, event.name, event.customer, JSON.stringify(event.data)) as { id: number };
    return row.id;
  }

  /** Records how the send ended; returns the finished entry (built in memory: no read back). */
  complete(entry: { id: number; profile: string; createdAt: number; request: HelpCrunchEvent }, outcome: SendOutcome, now: number): HistoryEntry {
    const { id } = entry;
    this.#statements.complete.run({
      id,
      updatedAt: now,
      outcome: outcome.outcome,
      httpStatus: outcome.httpStatus,
      responseBody: outcome.responseBody,
      message: outcome.message,
      errors: JSON.stringify(outcome.errors),
      eventId: outcome.eventId,
      eventCreatedAt: outcome.eventCreatedAt,
      attempts: outcome.attempts,
      durationMs: Math.round(outcome.durationMs),
    });
    return { ...entry, ...outcome, durationMs: Math.round(outcome.durationMs), updatedAt: now };
  }

  /**
   * Rows left "sending" by a previous run (it died mid-send) become "unknown": shown, never
   * dropped and never resent automatically. Call once at startup, before any send.
   */
  markInterruptedAsUnknown(now: number): number {
    return Number(this.#statements.markUnknown.run(UNKNOWN_OUTCOME_MESSAGE, now).changes);
  }

  get(id: number): HistoryEntry | null {
    const row = this.#statements.get.get(id) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  /** Newest first, keyset-paginated on id so new rows never shift a page. */
  page(limit: number, beforeId: number | null): HistoryPage {
    const rows = (beforeId === null ? this.#statements.page.all(limit + 1) : this.#statements.pageBefore.all(beforeId, limit + 1)) as unknown as Row[];
    const entries = rows.slice(0, limit).map(toEntry);
    return { entries, nextBeforeId: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
  }
}

function toEntry(row: Row): HistoryEntry {
  return {
    id: row.id,
    profile: row.profile,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    outcome: row.outcome as Outcome,
    request: { name: row.name, customer: row.customer, data: JSON.parse(row.data) as Record<string, unknown> },
    httpStatus: row.http_status,
    responseBody: row.response_body,
    message: row.message,
    errors: JSON.parse(row.errors) as HistoryEntry['errors'],
    eventId: row.event_id,
    eventCreatedAt: row.event_created_at,
    attempts: row.attempts,
    durationMs: row.duration_ms,
  };
}
