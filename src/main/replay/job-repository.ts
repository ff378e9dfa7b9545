import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { HelpCrunchEvent } from '../../shared/event.ts';
import { jobNoteWordsSchema, type ItemState, type Job, type JobHolder, type JobItem, type JobState } from '../../shared/jobs.ts';
import type { JobNote } from './job-note.ts';
import { readStoredJson } from '../storage/stored-json.ts';
import { transaction } from '../storage/transaction.ts';
import { GUARD_SQL } from '../storage/migrations.ts';
import type { HistoryRepository } from '../history/history-repository.ts';
import type { Lease } from './job-lease.ts';
import { PlanGuard } from './plan-guard.ts';
import { PlanJournal, type NewItem } from './plan-journal.ts';

export type { NewItem } from './plan-journal.ts';

/** Holds only while the job is still this lease's: the owner's run and fencing number match. */
const FENCE = `EXISTS (SELECT 1 FROM jobs WHERE jobs.id = ? AND jobs.state = 'running' AND jobs.owner_run = ? AND jobs.lease_epoch = ?)`;

/** A plan nobody started within a day is removed at startup (it never sent anything). */
export const PLAN_EXPIRES_MS = 24 * 60 * 60 * 1000;

interface JobRow {
  id: number;
  profile: string;
  source: string;
  state: JobState;
  created_at: number;
  updated_at: number;
  owner_run: string | null;
  lease_until: number | null;
  send_duplicates: number;
  retry_maybe_landed: number;
  rate_per_minute: number | null;
  lines: number;
  invalid: number;
  duplicates: number;
  note: string | null;
  note_words: string | null;
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

/** The job journal: jobs and their items, every statement in one place. */
export class JobRepository {
  readonly #db: DatabaseSync;
  readonly #s: Record<string, StatementSync>;
  #planJournal: PlanJournal | undefined;
  /** Where the account's requests go now (scheme://host:port): a job records it when made. */
  readonly #origin: () => string | null;

  /** The other process holding a running job, if it still exists (JobLeases.holderOf). */
  readonly #holderOf: (ownerRun: string, leaseUntil: number | null) => JobHolder | null;

  constructor(db: DatabaseSync, origin: () => string | null = () => null, holderOf: (ownerRun: string, leaseUntil: number | null) => JobHolder | null = () => null) {
    this.#db = db;
    this.#origin = origin;
    this.#holderOf = holderOf;
    this.#s = {
      create: db.prepare(`INSERT INTO jobs (profile, source, state, created_at, updated_at, owner_run, send_duplicates, rate_per_minute, origin) VALUES (?, ?, 'planning', ?, ?, ?, ?, ?, ?) RETURNING id`),
      origin: db.prepare('SELECT origin FROM jobs WHERE id = ?'),
      adoptLegacy: db.prepare('UPDATE jobs SET origin = ? WHERE profile = ? AND origin IS NULL'),
      retarget: db.prepare('UPDATE jobs SET origin = ? WHERE id = ?'),
      finishPlan: db.prepare(`UPDATE jobs SET state = 'planned', lines = ?, invalid = ?, duplicates = ?, owner_run = NULL, updated_at = ? WHERE id = ?`),
      get: db.prepare('SELECT * FROM jobs WHERE id = ?'),
      list: db.prepare(`SELECT * FROM jobs WHERE profile = ? AND state <> 'planning' ORDER BY id DESC LIMIT ?`),
      counts: db.prepare('SELECT state, count(*) AS n FROM job_items WHERE job_id = ? GROUP BY state'),
      setState: db.prepare('UPDATE jobs SET state = ?, note = ?, note_words = ?, updated_at = ? WHERE id = ?'),
      release: db.prepare('UPDATE jobs SET state = ?, note = ?, note_words = ?, owner_run = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND owner_run = ? AND lease_epoch = ?'),
      nextPending: db.prepare(`SELECT seq, name, customer, data, fingerprint, attempts, allow_duplicate FROM job_items WHERE job_id = ? AND state = 'pending' ORDER BY seq LIMIT 1`),
      // Fenced like finishItem: only the owner of the lease, for the item it is sending.
      allowDuplicate: db.prepare(`UPDATE job_items SET allow_duplicate = 1 WHERE job_id = ? AND seq = ? AND state = 'sending' AND ${FENCE}`),
      // GUARD_SQL word for word inside the subquery, so each lookup reads the partial index sends_guard.
      skipGuarded: db.prepare(`UPDATE job_items SET state = 'skipped', error = ?, updated_at = ? WHERE job_id = ? AND state = 'pending' AND allow_duplicate = 0
        AND EXISTS (SELECT 1 FROM sends WHERE profile = ? AND fingerprint = job_items.fingerprint AND ${GUARD_SQL})`),
      retryMaybeLanded: db.prepare('UPDATE jobs SET retry_maybe_landed = ? WHERE id = ?'),
      // One statement each: the lease check and the write are atomic (a takeover in between is impossible).
      markSending: db.prepare(`UPDATE job_items SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE job_id = ? AND seq = ? AND state = 'pending' AND ${FENCE}`),
      linkHistory: db.prepare(`UPDATE job_items SET history_id = ? WHERE job_id = ? AND seq = ? AND ${FENCE}`),
      finishItem: db.prepare(`UPDATE job_items SET state = ?, http_status = ?, event_id = ?, error = ?, updated_at = ? WHERE job_id = ? AND seq = ? AND state = 'sending' AND ${FENCE}`),
      requeue: db.prepare(`UPDATE job_items SET state = 'pending', error = NULL, updated_at = ? WHERE job_id = ? AND state = ?`),
      // "Send again" on an unknown outcome is the user's explicit choice: the duplicate guard lets that item through.
      requeueOne: db.prepare(`UPDATE job_items SET state = ?, error = ?, allow_duplicate = max(allow_duplicate, ?), updated_at = ? WHERE job_id = ? AND seq = ? AND state = 'unknown'`),
      resolveAll: db.prepare(`UPDATE job_items SET state = ?, error = ?, allow_duplicate = max(allow_duplicate, ?), updated_at = ? WHERE job_id = ? AND state = 'unknown'`),
      items: db.prepare(`SELECT seq, line, state, name, customer, data, error, attempts, http_status, event_id, history_id, updated_at FROM job_items WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?`),
      itemsInState: db.prepare(`SELECT seq, line, state, name, customer, data, error, attempts, http_status, event_id, history_id, updated_at FROM job_items WHERE job_id = ? AND state = ? AND seq > ? ORDER BY seq LIMIT ?`),
      orphanedSending: db.prepare(`UPDATE job_items SET state = 'unknown', error = ?, updated_at = ? WHERE state = 'sending' AND job_id IN (SELECT id FROM jobs WHERE owner_run IS NULL OR owner_run NOT IN (SELECT value FROM json_each(?)))`),
      orphanedJobs: db.prepare(`UPDATE jobs SET state = 'interrupted', note = ?, note_words = '{"code":"interrupted"}', owner_run = NULL, updated_at = ? WHERE state = 'running' AND (owner_run IS NULL OR owner_run NOT IN (SELECT value FROM json_each(?)))`),
      abandonedPlans: db.prepare(`DELETE FROM jobs WHERE state = 'planning' AND (owner_run IS NULL OR owner_run NOT IN (SELECT value FROM json_each(?)))`),
      expiredPlans: db.prepare(`DELETE FROM jobs WHERE state = 'planned' AND updated_at < ?`),
      remove: db.prepare('DELETE FROM jobs WHERE id = ?'),
    };
  }

  /** A job being planned: invisible in lists until finishPlan, removed if its process dies first. */
  create(profile: string, source: string, now: number, ownerRun: string, sendDuplicates: boolean, ratePerMinute: number | null): number {
    return (this.#s.create!.get(profile, source, now, now, ownerRun, sendDuplicates ? 1 : 0, ratePerMinute, this.#origin()) as { id: number }).id;
  }

  /** The origin the job was made for (null: made before origins were kept, or unknown). */
  origin(jobId: number): string | null {
    return (this.#s.origin!.get(jobId) as { origin: string | null } | undefined)?.origin ?? null;
  }

  /** Where the job was made for and where the account points now, when they differ (null when they agree). */
  originMoved(jobId: number): { madeFor: string; now: string } | null {
    const madeFor = this.origin(jobId);
    const now = this.#origin();
    return madeFor !== null && now !== null && madeFor !== now ? { madeFor, now } : null;
  }

  /** Jobs from before origins were kept were made for the account's own address (never a launch override). */
  adoptLegacyOrigins(profile: string, own: string): void {
    this.#s.adoptLegacy!.run(own, profile);
  }

  /** The user said to send the job to where the account points now. */
  retarget(jobId: number): void {
    this.#s.retarget!.run(this.#origin(), jobId);
  }

  /** The planner's writes (a batch of items at a time) and its look-ups of items already written. */
  planJournal(): PlanJournal {
    this.#planJournal ??= new PlanJournal(this.#db);
    return this.#planJournal;
  }

  /** The duplicate guard for one plan, a batch at a time. */
  planGuard(history: HistoryRepository, profile: string): PlanGuard {
    return new PlanGuard(this.#db, history, profile);
  }

  /** Writes a batch of planned items in one transaction. */
  addItems(jobId: number, firstSeq: number, items: NewItem[], now: number): void {
    this.planJournal().add(jobId, firstSeq, items, now);
  }

  finishPlan(jobId: number, totals: { lines: number; invalid: number; duplicates: number }, now: number): void {
    this.#s.finishPlan!.run(totals.lines, totals.invalid, totals.duplicates, now, jobId);
  }

  /** `counts` when the caller knows them (the planner, which has just written every item): not counted again. */
  get(jobId: number, liveRuns: readonly string[], counts?: Partial<Record<ItemState, number>>): Job | null {
    const row = this.#s.get!.get(jobId) as JobRow | undefined;
    return row ? this.#toJob(row, liveRuns, counts) : null;
  }

  list(profile: string, liveRuns: readonly string[], limit = 200): Job[] {
    return (this.#s.list!.all(profile, limit) as unknown as JobRow[]).map((row) => this.#toJob(row, liveRuns));
  }

  counts(jobId: number): Partial<Record<ItemState, number>> {
    const counts: Partial<Record<ItemState, number>> = {};
    for (const row of this.#s.counts!.all(jobId) as { state: ItemState; n: number }[]) counts[row.state] = row.n;
    return counts;
  }

  setState(jobId: number, state: JobState, note: JobNote | null, now: number): void {
    this.#s.setState!.run(state, note?.text ?? null, noteWordsJson(note), now, jobId);
  }

  /** Lets go of the job in `state`; false (and nothing written) when the lease was lost: the job is another owner's now. */
  release(jobId: number, lease: Lease, state: JobState, note: JobNote | null, now: number): boolean {
    return Number(this.#s.release!.run(state, note?.text ?? null, noteWordsJson(note), now, jobId, lease.runId, lease.epoch).changes) === 1;
  }

  nextPending(jobId: number): { seq: number; event: HelpCrunchEvent; attempts: number; allowDuplicate: boolean } | null {
    const row = this.#s.nextPending!.get(jobId) as { seq: number; name: string; customer: number; data: string; attempts: number; allow_duplicate: number } | undefined;
    return row ? { seq: row.seq, attempts: row.attempts, allowDuplicate: row.allow_duplicate === 1, event: { name: row.name, customer: row.customer, data: JSON.parse(row.data) as Record<string, unknown> } } : null;
  }

  /** This item may be sent although an earlier attempt of it may have landed (the job opted in to that risk). */
  allowDuplicate(jobId: number, seq: number, lease: Lease): boolean {
    return Number(this.#s.allowDuplicate!.run(jobId, seq, jobId, lease.runId, lease.epoch).changes) === 1;
  }

  /**
   * The duplicate guard again, when a job starts or resumes: pending items whose event was delivered
   * (or is in flight, or may have landed) since the plan was made become "skipped". Returns how many.
   */
  skipAlreadySent(jobId: number, profile: string, now: number): number {
    return Number(this.#s.skipGuarded!.run('Not sent: the same event was delivered, is being sent, or may have landed since the plan was made (see History).', now, jobId, profile).changes);
  }

  /** The job's opt-in to retrying answers that may have landed (risk: duplicates). */
  setRetryMaybeLanded(jobId: number, retry: boolean): void {
    this.#s.retryMaybeLanded!.run(retry ? 1 : 0, jobId);
  }

  /** The item goes "sending" before its request, only while `lease` still holds the job. False: do not send. */
  markSending(jobId: number, seq: number, lease: Lease, now: number): boolean {
    return Number(this.#s.markSending!.run(now, jobId, seq, jobId, lease.runId, lease.epoch).changes) === 1;
  }

  linkHistory(jobId: number, seq: number, lease: Lease, historyId: number): void {
    this.#s.linkHistory!.run(historyId, jobId, seq, jobId, lease.runId, lease.epoch);
  }

  /** An item's result, only while `lease` still holds the job: a runner that lost it never overwrites the new owner's items. */
  finishItem(jobId: number, seq: number, lease: Lease, state: ItemState, result: { httpStatus: number | null; eventId: number | null; error: string | null }, now: number): boolean {
    return Number(this.#s.finishItem!.run(state, result.httpStatus, result.eventId, result.error, now, jobId, seq, jobId, lease.runId, lease.epoch).changes) === 1;
  }

  /** Puts every item in `state` back in the queue; returns how many. */
  requeue(jobId: number, state: ItemState, now: number): number {
    return Number(this.#s.requeue!.run(now, jobId, state).changes);
  }

  /** The user's decision on items whose outcome is unknown: send again, or count as delivered. */
  resolveUnknown(jobId: number, seqs: number[] | 'all', decision: 'resend' | 'delivered', now: number): number {
    const state = decision === 'resend' ? 'pending' : 'sent';
    const note = decision === 'delivered' ? 'Counted as delivered by you (the outcome was unknown).' : null;
    const allow = decision === 'resend' ? 1 : 0;
    if (seqs === 'all') return Number(this.#s.resolveAll!.run(state, note, allow, now, jobId).changes);
    let changed = 0;
    this.transaction(() => {
      for (const seq of seqs) changed += Number(this.#s.requeueOne!.run(state, note, allow, now, jobId, seq).changes);
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

  /**
   * After a crash: jobs whose run is gone become "interrupted", their in-flight items "unknown"
   * (never resent on their own), and plans that never finished are removed. `presentRuns` are the
   * runs whose process still exists, stalled ones included: a stopped process may wake and finish
   * its request, so its jobs stay its own until someone takes them over (JobLeases.claim).
   * Plans nobody started within PLAN_EXPIRES_MS are removed too: they never sent anything.
   */
  recoverOrphans(presentRuns: readonly string[], now: number): { jobs: number; items: number; expiredPlans: number } {
    const present = JSON.stringify(presentRuns);
    let jobs = 0;
    let items = 0;
    let expiredPlans = 0;
    this.transaction(() => {
      items = Number(this.#s.orphanedSending!.run('Event Desk stopped while this was being sent: it may or may not have reached HelpCrunch.', now, present).changes);
      jobs = Number(this.#s.orphanedJobs!.run('Event Desk stopped while this job was running. Resume it to continue.', now, present).changes);
      this.#s.abandonedPlans!.run(present);
      expiredPlans = Number(this.#s.expiredPlans!.run(now - PLAN_EXPIRES_MS).changes);
    });
    return { jobs, items, expiredPlans };
  }

  remove(jobId: number): void {
    this.#s.remove!.run(jobId);
  }

  transaction(work: () => void): void {
    transaction(this.#db, work);
  }

  /** Who else holds a running job: from the run registry when wired (stalled owners too), else from `liveRuns`. */
  #holding(row: JobRow, liveRuns: readonly string[]): Pick<Job, 'runningElsewhere' | 'holder'> {
    if (row.state !== 'running' || row.owner_run === null) return { runningElsewhere: false, holder: null };
    const holder = this.#holderOf(row.owner_run, row.lease_until);
    return { runningElsewhere: holder ? !holder.stalled : liveRuns.includes(row.owner_run), holder };
  }

  #toJob(row: JobRow, liveRuns: readonly string[], counts?: Partial<Record<ItemState, number>>): Job {
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
      retryMaybeLanded: row.retry_maybe_landed === 1,
      ratePerMinute: row.rate_per_minute,
      counts: counts ?? this.counts(row.id),
      note: row.note,
      // Read defensively: an unexpected value shows the English note instead.
      noteWords: readStoredJson(jobNoteWordsSchema, row.note_words),
      ...this.#holding(row, liveRuns),
    };
  }
}

function noteWordsJson(note: JobNote | null): string | null {
  return note?.words ? JSON.stringify(note.words) : null;
}

