import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { HelpCrunchEvent } from '../../shared/event.ts';
import type { ItemState, Job, JobItem, JobState } from '../../shared/jobs.ts';
import { transaction } from '../storage/transaction.ts';

interface JobRow {
  id: number;
  profile: string;
  source: string;
  state: JobState;
  created_at: number;
  updated_at: number;
  owner_run: string | null;
  send_duplicates: number;
  rate_per_minute: number | null;
  lines: number;
  invalid: number;
  duplicates: number;
  note: string | null;
}

interface ItemRow {
  seq: number;
  line: number;
  state: ItemState;
  name: string | null;
  customer: number | null;
  data: string | null;
  error: string | null;
  attempts: number;
  http_status: number | null;
  event_id: number | null;
  history_id: number | null;
  updated_at: number | null;
}

/** A new item as the planner writes it. */
export interface NewItem {
  line: number;
  state: 'pending' | 'skipped' | 'invalid';
  event: HelpCrunchEvent | null;
  fingerprint: string | null;
  error: string | null;
}

/** The job journal: jobs and their items, every statement in one place. */
export class JobRepository {
  readonly #db: DatabaseSync;
  readonly #s: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#s = {
      create: db.prepare(`INSERT INTO jobs (profile, source, state, created_at, updated_at, owner_run, send_duplicates, rate_per_minute) VALUES (?, ?, 'planning', ?, ?, ?, ?, ?) RETURNING id`),
      addItem: db.prepare(`INSERT INTO job_items (job_id, seq, line, state, name, customer, data, fingerprint, error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      finishPlan: db.prepare(`UPDATE jobs SET state = 'planned', lines = ?, invalid = ?, duplicates = ?, owner_run = NULL, updated_at = ? WHERE id = ?`),
      get: db.prepare('SELECT * FROM jobs WHERE id = ?'),
      list: db.prepare(`SELECT * FROM jobs WHERE profile = ? AND state <> 'planning' ORDER BY id DESC LIMIT ?`),
      counts: db.prepare('SELECT state, count(*) AS n FROM job_items WHERE job_id = ? GROUP BY state'),
      setState: db.prepare('UPDATE jobs SET state = ?, note = ?, updated_at = ? WHERE id = ?'),
      claim: db.prepare(`UPDATE jobs SET state = 'running', owner_run = ?, note = NULL, updated_at = ? WHERE id = ? AND state IN ('planned', 'paused', 'interrupted', 'cancelled', 'finished') AND (owner_run IS NULL OR owner_run = ? OR owner_run NOT IN (SELECT value FROM json_each(?)))`),
      release: db.prepare('UPDATE jobs SET state = ?, note = ?, owner_run = NULL, updated_at = ? WHERE id = ? AND owner_run = ?'),
      nextPending: db.prepare(`SELECT seq, name, customer, data, fingerprint, attempts FROM job_items WHERE job_id = ? AND state = 'pending' ORDER BY seq LIMIT 1`),
      markSending: db.prepare(`UPDATE job_items SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE job_id = ? AND seq = ?`),
      linkHistory: db.prepare('UPDATE job_items SET history_id = ? WHERE job_id = ? AND seq = ?'),
      finishItem: db.prepare('UPDATE job_items SET state = ?, http_status = ?, event_id = ?, error = ?, updated_at = ? WHERE job_id = ? AND seq = ?'),
      requeue: db.prepare(`UPDATE job_items SET state = 'pending', error = NULL, updated_at = ? WHERE job_id = ? AND state = ?`),
      requeueOne: db.prepare(`UPDATE job_items SET state = ?, error = ?, updated_at = ? WHERE job_id = ? AND seq = ? AND state = 'unknown'`),
      resolveAll: db.prepare(`UPDATE job_items SET state = ?, error = ?, updated_at = ? WHERE job_id = ? AND state = 'unknown'`),
      items: db.prepare(`SELECT seq, line, state, name, customer, data, error, attempts, http_status, event_id, history_id, updated_at FROM job_items WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?`),
      itemsInState: db.prepare(`SELECT seq, line, state, name, customer, data, error, attempts, http_status, event_id, history_id, updated_at FROM job_items WHERE job_id = ? AND state = ? AND seq > ? ORDER BY seq LIMIT ?`),
      invalidSample: db.prepare(`SELECT line, error FROM job_items WHERE job_id = ? AND state = 'invalid' ORDER BY seq LIMIT ?`),
      orphanedSending: db.prepare(`UPDATE job_items SET state = 'unknown', error = ?, updated_at = ? WHERE state = 'sending' AND job_id IN (SELECT id FROM jobs WHERE owner_run IS NULL OR owner_run NOT IN (SELECT value FROM json_each(?)))`),
      orphanedJobs: db.prepare(`UPDATE jobs SET state = 'interrupted', note = ?, owner_run = NULL, updated_at = ? WHERE state = 'running' AND (owner_run IS NULL OR owner_run NOT IN (SELECT value FROM json_each(?)))`),
      abandonedPlans: db.prepare(`DELETE FROM jobs WHERE state = 'planning' AND (owner_run IS NULL OR owner_run NOT IN (SELECT value FROM json_each(?)))`),
      remove: db.prepare('DELETE FROM jobs WHERE id = ?'),
    };
  }

  /** A job being planned: invisible in lists until finishPlan, removed if its process dies first. */
  create(profile: string, source: string, now: number, ownerRun: string, sendDuplicates: boolean, ratePerMinute: number | null): number {
    return (this.#s.create!.get(profile, source, now, now, ownerRun, sendDuplicates ? 1 : 0, ratePerMinute) as { id: number }).id;
  }

  /** Writes a batch of planned items in one transaction. */
  addItems(jobId: number, firstSeq: number, items: NewItem[], now: number): void {
    this.transaction(() => {
      items.forEach((item, index) => {
        this.#s.addItem!.run(jobId, firstSeq + index, item.line, item.state, item.event?.name ?? null, item.event?.customer ?? null, item.event ? JSON.stringify(item.event.data) : null, item.fingerprint, item.error, now);
      });
    });
  }

  finishPlan(jobId: number, totals: { lines: number; invalid: number; duplicates: number }, now: number): void {
    this.#s.finishPlan!.run(totals.lines, totals.invalid, totals.duplicates, now, jobId);
  }

  get(jobId: number, liveRuns: readonly string[]): Job | null {
    const row = this.#s.get!.get(jobId) as JobRow | undefined;
    return row ? this.#toJob(row, liveRuns) : null;
  }

  list(profile: string, liveRuns: readonly string[], limit = 200): Job[] {
    return (this.#s.list!.all(profile, limit) as unknown as JobRow[]).map((row) => this.#toJob(row, liveRuns));
  }

  counts(jobId: number): Partial<Record<ItemState, number>> {
    const counts: Partial<Record<ItemState, number>> = {};
    for (const row of this.#s.counts!.all(jobId) as { state: ItemState; n: number }[]) counts[row.state] = row.n;
    return counts;
  }

  setState(jobId: number, state: JobState, note: string | null, now: number): void {
    this.#s.setState!.run(state, note, now, jobId);
  }

  /** Takes the job for this run, unless a live run holds it. True when taken. */
  claim(jobId: number, runId: string, liveRuns: readonly string[], now: number): boolean {
    return Number(this.#s.claim!.run(runId, now, jobId, runId, JSON.stringify(liveRuns)).changes) === 1;
  }

  release(jobId: number, runId: string, state: JobState, note: string | null, now: number): void {
    this.#s.release!.run(state, note, now, jobId, runId);
  }

  nextPending(jobId: number): { seq: number; event: HelpCrunchEvent; attempts: number } | null {
    const row = this.#s.nextPending!.get(jobId) as { seq: number; name: string; customer: number; data: string; attempts: number } | undefined;
    return row ? { seq: row.seq, attempts: row.attempts, event: { name: row.name, customer: row.customer, data: JSON.parse(row.data) as Record<string, unknown> } } : null;
  }

  markSending(jobId: number, seq: number, now: number): void {
    this.#s.markSending!.run(now, jobId, seq);
  }

  linkHistory(jobId: number, seq: number, historyId: number): void {
    this.#s.linkHistory!.run(historyId, jobId, seq);
  }

  finishItem(jobId: number, seq: number, state: ItemState, result: { httpStatus: number | null; eventId: number | null; error: string | null }, now: number): void {
    this.#s.finishItem!.run(state, result.httpStatus, result.eventId, result.error, now, jobId, seq);
  }

  /** Puts every item in `state` back in the queue; returns how many. */
  requeue(jobId: number, state: ItemState, now: number): number {
    return Number(this.#s.requeue!.run(now, jobId, state).changes);
  }

  /** The user's decision on items whose outcome is unknown: send again, or count as delivered. */
  resolveUnknown(jobId: number, seqs: number[] | 'all', decision: 'resend' | 'delivered', now: number): number {
    const state = decision === 'resend' ? 'pending' : 'sent';
    const note = decision === 'delivered' ? 'Counted as delivered by you (the outcome was unknown).' : null;
    if (seqs === 'all') return Number(this.#s.resolveAll!.run(state, note, now, jobId).changes);
    let changed = 0;
    this.transaction(() => {
      for (const seq of seqs) changed += Number(this.#s.requeueOne!.run(state, note, now, jobId, seq).changes);
    });
    return changed;
  }

  items(jobId: number, afterSeq: number, limit: number, state: ItemState | null = null): JobItem[] {
    const rows = (state === null ? this.#s.items!.all(jobId, afterSeq, limit) : this.#s.itemsInState!.all(jobId, state, afterSeq, limit)) as unknown as ItemRow[];
    return rows.map((row) => ({
      seq: row.seq,
      line: row.line,
      state: row.state,
      name: row.name,
      customer: row.customer,
      data: row.data,
      error: row.error,
      attempts: row.attempts,
      httpStatus: row.http_status,
      eventId: row.event_id,
      historyId: row.history_id,
      updatedAt: row.updated_at,
    }));
  }

  invalidSample(jobId: number, limit: number): { line: number; error: string }[] {
    return this.#s.invalidSample!.all(jobId, limit) as { line: number; error: string }[];
  }

  /**
   * After a crash: jobs whose run is gone become "interrupted", their in-flight items "unknown"
   * (never resent on their own), and plans that never finished are removed.
   */
  recoverOrphans(liveRuns: readonly string[], now: number): { jobs: number; items: number } {
    const live = JSON.stringify(liveRuns);
    let jobs = 0;
    let items = 0;
    this.transaction(() => {
      items = Number(this.#s.orphanedSending!.run('Event Desk stopped while this was being sent: it may or may not have reached HelpCrunch.', now, live).changes);
      jobs = Number(this.#s.orphanedJobs!.run('Event Desk stopped while this job was running. Resume it to continue.', now, live).changes);
      this.#s.abandonedPlans!.run(live);
    });
    return { jobs, items };
  }

  remove(jobId: number): void {
    this.#s.remove!.run(jobId);
  }

  transaction(work: () => void): void {
    transaction(this.#db, work);
  }

  #toJob(row: JobRow, liveRuns: readonly string[]): Job {
    return {
      id: row.id,
      profile: row.profile,
      source: row.source,
      state: row.state,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      lines: row.lines,
      invalid: row.invalid,
      duplicates: row.duplicates,
      sendDuplicates: row.send_duplicates === 1,
      ratePerMinute: row.rate_per_minute,
      counts: this.counts(row.id),
      note: row.note,
      runningElsewhere: row.state === 'running' && row.owner_run !== null && liveRuns.includes(row.owner_run),
    };
  }
}
