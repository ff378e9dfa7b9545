import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { HelpCrunchEvent } from '../../shared/event.ts';
import { outboxReasonWordsSchema, type OutboxItem, type OutboxState } from '../../shared/outbox.ts';
import type { OutboxReason } from './outbox-reason.ts';
import { readStoredJson } from '../storage/stored-json.ts';

interface Row {
  id: number;
  created_at: number;
  state: OutboxState;
  name: string;
  customer: number;
  data: string;
  saved_event_id: number | null;
  attempts: number;
  last_error: string | null;
  last_error_words: string | null;
  next_attempt_at: number;
  history_id: number | null;
  origin: string | null;
  allow_duplicate: number;
}

/**
 * The outbox table: every statement in one place. Each item keeps the origin it was made for, and
 * only items made for where the account points now are ever claimed: draining never sends an item
 * to another origin (a launch override, a changed base URL) until the user says so (retarget).
 */
export class OutboxRepository {
  readonly #s: Record<string, StatementSync>;
  readonly #origin: () => string;

  /** `origin`: where the account's requests go now (scheme://host:port), read at each add and claim. */
  constructor(db: DatabaseSync, origin: () => string) {
    this.#origin = origin;
    const columns = 'id, created_at, state, name, customer, data, saved_event_id, attempts, last_error, last_error_words, next_attempt_at, history_id, origin, allow_duplicate';
    this.#s = {
      add: db.prepare(`INSERT INTO outbox (profile, created_at, updated_at, state, name, customer, data, saved_event_id, attempts, last_error, last_error_words, next_attempt_at, history_id, origin, allow_duplicate)
        VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?) RETURNING ${columns}`),
      list: db.prepare(`SELECT ${columns} FROM outbox WHERE profile = ? AND removed_at IS NULL ORDER BY id`),
      count: db.prepare(`SELECT count(*) AS n FROM outbox WHERE profile = ? AND removed_at IS NULL`),
      get: db.prepare(`SELECT ${columns} FROM outbox WHERE profile = ? AND id = ? AND removed_at IS NULL`),
      // Only the head of the queue is ever taken, and only once it is due: a newer item whose first
      // try comes round sooner never overtakes an older one that is backing off.
      claim: db.prepare(`UPDATE outbox SET state = 'sending', claimed_by = ?, updated_at = ? WHERE id = (
        SELECT id FROM outbox WHERE profile = ? AND state = 'queued' AND removed_at IS NULL AND (origin IS NULL OR origin = ?) ORDER BY id LIMIT 1) AND next_attempt_at <= ? RETURNING ${columns}`),
      retarget: db.prepare(`UPDATE outbox SET origin = ?, updated_at = ? WHERE profile = ? AND id = ? AND state <> 'sending' AND removed_at IS NULL`),
      // The drain's writes are fenced by its claim: a drainer that stalled and woke after recovery or
      // another drain took the item over changes nothing. A settled item's "send again" permission is used up.
      requeue: db.prepare(`UPDATE outbox SET state = 'queued', claimed_by = NULL, attempts = attempts + 1, last_error = ?, last_error_words = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'sending' AND claimed_by = ?`),
      settle: db.prepare(`UPDATE outbox SET state = ?, claimed_by = NULL, allow_duplicate = 0, last_error = ?, last_error_words = ?, history_id = ?, updated_at = ? WHERE id = ? AND state = 'sending' AND claimed_by = ?`),
      delivered: db.prepare(`DELETE FROM outbox WHERE id = ? AND state = 'sending' AND claimed_by = ?`),
      done: db.prepare(`DELETE FROM outbox WHERE id = ?`),
      adoptLegacy: db.prepare(`UPDATE outbox SET origin = ? WHERE profile = ? AND origin IS NULL`),
      dueAll: db.prepare(`UPDATE outbox SET next_attempt_at = ? WHERE profile = ? AND state = 'queued' AND removed_at IS NULL`),
      nextDue: db.prepare(`SELECT next_attempt_at AS at FROM outbox WHERE profile = ? AND state = 'queued' AND removed_at IS NULL AND (origin IS NULL OR origin = ?) ORDER BY id LIMIT 1`),
      update: db.prepare(`UPDATE outbox SET name = ?, customer = ?, data = ?, state = 'queued', updated_at = ? WHERE profile = ? AND id = ? AND state IN ('queued', 'rejected', 'unknown') AND removed_at IS NULL`),
      remove: db.prepare(`UPDATE outbox SET removed_at = ? WHERE profile = ? AND id = ? AND state <> 'sending' AND removed_at IS NULL`),
      restore: db.prepare(`UPDATE outbox SET removed_at = NULL WHERE profile = ? AND id = ? AND removed_at >= ?`),
      purge: db.prepare(`DELETE FROM outbox WHERE removed_at IS NOT NULL AND removed_at < ?`),
      // The user's "send again" on an unknown outcome is the explicit choice the duplicate guard needs.
      resolve: db.prepare(`UPDATE outbox SET state = 'queued', allow_duplicate = 1, next_attempt_at = ?, updated_at = ? WHERE profile = ? AND id = ? AND state = 'unknown'`),
      orphans: db.prepare(`UPDATE outbox SET state = 'unknown', claimed_by = NULL, last_error = ?, last_error_words = '{"kind":"stopped"}' WHERE state = 'sending' AND (claimed_by IS NULL OR claimed_by NOT IN (SELECT value FROM json_each(?)))`),
    };
  }

  /** `allowDuplicate`: the user chose to send it although the same event was sent before (kept for the drain). */
  add(profile: string, event: HelpCrunchEvent, savedEventId: number | null, reason: OutboxReason | null, historyId: number | null, now: number, nextAttemptAt: number, allowDuplicate = false): OutboxItem {
    return toItem(this.#s.add!.get(profile, now, now, event.name, event.customer, JSON.stringify(event.data), savedEventId, reason?.text ?? null, wordsJson(reason), nextAttemptAt, historyId, this.#origin(), allowDuplicate ? 1 : 0) as unknown as Row);
  }

  list(profile: string): OutboxItem[] {
    return (this.#s.list!.all(profile) as unknown as Row[]).map(toItem);
  }

  count(profile: string): number {
    return (this.#s.count!.get(profile) as { n: number }).n;
  }

  get(profile: string, id: number): OutboxItem | null {
    const row = this.#s.get!.get(profile, id) as Row | undefined;
    return row ? toItem(row) : null;
  }

  /** Takes the oldest waiting item for this run, once it is due (strictly oldest first keeps the order of what was logged). */
  claim(profile: string, runId: string, now: number): (OutboxItem & { savedEventId: number | null; allowDuplicate: boolean }) | null {
    const row = this.#s.claim!.get(runId, now, profile, this.#origin(), now) as Row | undefined;
    return row ? { ...toItem(row), savedEventId: row.saved_event_id, allowDuplicate: row.allow_duplicate === 1 } : null;
  }

  /** The user said to send an item made for another origin to where the account points now. */
  retarget(profile: string, id: number, now: number): boolean {
    return Number(this.#s.retarget!.run(this.#origin(), now, profile, id).changes) === 1;
  }

  /** The claimed item goes back to the queue (it provably was not sent). */
  requeue(id: number, runId: string, reason: OutboxReason, nextAttemptAt: number, now: number): void {
    this.#s.requeue!.run(reason.text ?? '', wordsJson(reason), nextAttemptAt, now, id, runId);
  }

  /** The claimed item ends as unknown or rejected, for the user to decide. */
  settle(id: number, runId: string, state: OutboxState, reason: OutboxReason | null, historyId: number | null, now: number): void {
    this.#s.settle!.run(state, reason?.text ?? null, wordsJson(reason), historyId, now, id, runId);
  }

  /** Items from before origins were kept were made for the account's own address (never a launch override). */
  adoptLegacyOrigins(profile: string, own: string): void {
    this.#s.adoptLegacy!.run(own, profile);
  }

  /** The claimed item was delivered: it leaves the outbox. */
  delivered(id: number, runId: string): void {
    this.#s.delivered!.run(id, runId);
  }

  done(id: number): void {
    this.#s.done!.run(id);
  }

  dueNow(profile: string, now: number): void {
    this.#s.dueAll!.run(now, profile);
  }

  nextDue(profile: string): number | null {
    const row = this.#s.nextDue!.get(profile, this.#origin()) as { at: number } | undefined;
    return row ? row.at : null;
  }

  update(profile: string, id: number, event: HelpCrunchEvent, now: number): boolean {
    return Number(this.#s.update!.run(event.name, event.customer, JSON.stringify(event.data), now, profile, id).changes) === 1;
  }

  remove(profile: string, id: number, now: number): boolean {
    return Number(this.#s.remove!.run(now, profile, id).changes) === 1;
  }

  restore(profile: string, id: number, since: number): boolean {
    return Number(this.#s.restore!.run(profile, id, since).changes) === 1;
  }

  purgeRemovedBefore(cutoff: number): void {
    this.#s.purge!.run(cutoff);
  }

  resendUnknown(profile: string, id: number, now: number): boolean {
    return Number(this.#s.resolve!.run(now, now, profile, id).changes) === 1;
  }

  /** Items a dead process was sending become "unknown": never resent on their own. */
  recoverOrphans(liveRuns: readonly string[]): number {
    return Number(this.#s.orphans!.run('Event Desk stopped while this was being sent: it may or may not have reached HelpCrunch.', JSON.stringify(liveRuns)).changes);
  }
}

function toItem(row: Row): OutboxItem {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(row.data) as Record<string, unknown>;
  } catch {
    // A damaged row shows with empty data; its history entry keeps the request.
  }
  return {
    id: row.id,
    createdAt: row.created_at,
    state: row.state,
    event: { name: row.name, customer: row.customer, data },
    attempts: row.attempts,
    lastError: row.last_error,
    // Read defensively: anything unexpected shows the English reason instead.
    lastErrorWords: readStoredJson(outboxReasonWordsSchema, row.last_error_words),
    nextAttemptAt: row.next_attempt_at,
    historyId: row.history_id,
    origin: row.origin,
  };
}

function wordsJson(reason: OutboxReason | null): string | null {
  return reason?.words ? JSON.stringify(reason.words) : null;
}
