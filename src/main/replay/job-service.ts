import type { Writable } from 'node:stream';
import type { HistoryFilter } from '../../shared/history.ts';
import type { ItemState, Job, JobItem, Plan } from '../../shared/jobs.ts';
import type { Clock } from '../clock.ts';
import { Failure } from '../failure.ts';
import type { HistoryRepository } from '../history/history-repository.ts';
import { writeItems, type ResultsFormat } from './results-writer.ts';
import type { JobRepository } from './job-repository.ts';
import type { JobRunner } from './job-runner.ts';
import type { PlanChecker } from '../plan/plan-checker.ts';
import { jobNotes } from './job-note.ts';
import { planJob } from './planner.ts';
import { openFileSource } from './sources/file-source.ts';
import { historySource } from './sources/history-source.ts';
import { SourceError, type Source } from './sources/source.ts';

export interface JobServiceDeps {
  jobs: JobRepository;
  runner: JobRunner;
  history: HistoryRepository;
  clock: Clock;
  profile: string;
  runId: string;
  liveRuns: () => string[];
  /** Runs whose process still exists, stalled ones included (RunRegistry.presentRunIds): recovery leaves their jobs alone. */
  presentRuns: () => string[];
  budgetPerMinute: () => number;
  /** Tells windows the job list changed. */
  changed: () => void;
  /** The tracking plan: each planned line is checked against it (blocked lines are never sent). */
  plan?: Pick<PlanChecker, 'plan'> | undefined;
}

export interface PlanRequest {
  sendDuplicates: boolean;
  /** Also retry answers that may have landed (500/502/504, cut connections, timeouts): risk of duplicates. Off unless the user opts in. */
  retryMaybeLanded?: boolean;
  ratePerMinute: number | null;
}

/** Replay jobs for the hosts: plan, start, control, inspect and export, all in the journal. */
export class JobService {
  readonly #deps: JobServiceDeps;

  constructor(deps: JobServiceDeps) {
    this.#deps = deps;
  }

  /** Plans a job from a file (any size; streamed). Nothing is sent until start(). */
  async planFile(path: string, request: PlanRequest, signal?: AbortSignal): Promise<Plan> {
    let source: Source;
    try {
      source = await openFileSource(path);
    } catch (error) {
      throw asFailure(error);
    }
    return this.#plan(source, request, signal);
  }

  /** Plans a job from history: the selection, or everything matching the filter, oldest first. */
  async planHistory(selection: { ids: number[] } | { filter: HistoryFilter }, request: PlanRequest): Promise<Plan> {
    return this.#plan(historySource(this.#deps.history, this.#deps.profile, selection), request);
  }

  /** Plans a job from any source (one saved event for many customers, say). */
  planSource(source: Source, request: PlanRequest): Promise<Plan> {
    return this.#plan(source, request);
  }

  async #plan(source: Source, request: PlanRequest, signal?: AbortSignal): Promise<Plan> {
    const { jobs, history, clock, profile, runId } = this.#deps;
    try {
      // Loaded once: a million lines are checked against the same compiled plan, synchronously.
      const trackingPlan = this.#deps.plan ? await this.#deps.plan.plan() : null;
      const plan = await planJob({ jobs, history, clock, profile, runId, plan: trackingPlan }, source, { ...request, budgetPerMinute: this.#deps.budgetPerMinute(), ...(signal ? { signal } : {}) });
      if (plan.job.lines === 0) {
        jobs.remove(plan.job.id);
        throw new Failure('empty', 'The source has no events to replay.');
      }
      this.#deps.changed();
      return plan;
    } catch (error) {
      throw asFailure(error);
    }
  }

  /** The user said go (or resume): runs in this process until done, paused or cancelled. */
  /**
   * The user said go (or resume). A job another process holds but has gone quiet (stopped, asleep,
   * hung) is taken only with `takeOver`, which the user asked for knowing who holds it.
   */
  start(jobId: number, options: { takeOver?: boolean } = {}): ReturnType<JobRunner['start']> {
    this.get(jobId); // only a job of this profile (throws otherwise)
    // The runner re-checks the duplicate guard over the pending items once it holds the lease (a plan,
    // or a paused job, may be older than deliveries made since), and every item is guarded again at send.
    const started = this.#deps.runner.start(jobId, options);
    this.#deps.changed();
    void started.finished.then(() => this.#deps.changed(), () => this.#deps.changed());
    return started;
  }

  async pause(jobId: number): Promise<Job> {
    this.get(jobId); // only a job of this profile
    if ((await this.#deps.runner.pause(jobId)) === null) this.#notRunningHere(jobId);
    return this.get(jobId);
  }

  /** Cancels a running job here, or a paused/planned/interrupted one; pending items stay pending. */
  async cancel(jobId: number): Promise<Job> {
    const job = this.get(jobId);
    if ((await this.#deps.runner.cancel(jobId)) === null) {
      // A stalled holder may wake: cancelling behind its back is not ours to do (take it over first).
      if (job.holder) this.#notRunningHere(jobId);
      if (job.state === 'finished' || job.state === 'cancelled') return job;
      this.#deps.jobs.setState(jobId, 'cancelled', jobNotes.cancelled(), this.#deps.clock.now());
    }
    this.#deps.changed();
    return this.get(jobId);
  }

  /** A plan the user declined: removed, as if never made. */
  discard(jobId: number): void {
    const job = this.get(jobId);
    if (job.state !== 'planned') throw new Failure('invalid_state', `Job ${jobId} has started; cancel it instead.`, { reason: 'job', params: { jobId } });
    this.#deps.jobs.remove(jobId);
    this.#deps.changed();
  }

  /** Re-queues the items that failed for transient reasons (or, with `rejected`, the 4xx ones). Returns how many. */
  retry(jobId: number, which: 'failed' | 'rejected'): number {
    this.#notRunningAnywhere(jobId);
    const count = this.#deps.jobs.requeue(jobId, which, this.#deps.clock.now());
    if (count > 0) this.#deps.jobs.setState(jobId, 'paused', jobNotes.requeued(count, which), this.#deps.clock.now());
    this.#deps.changed();
    return count;
  }

  /** The user's call on items whose outcome is unknown: send again, or count as delivered. */
  resolveUnknown(jobId: number, seqs: number[] | 'all', decision: 'resend' | 'delivered'): number {
    this.#notRunningAnywhere(jobId);
    const count = this.#deps.jobs.resolveUnknown(jobId, seqs, decision, this.#deps.clock.now());
    if (decision === 'resend' && count > 0) this.#deps.jobs.setState(jobId, 'paused', jobNotes.requeuedResend(count), this.#deps.clock.now());
    this.#deps.changed();
    return count;
  }

  list(): Job[] {
    return this.#deps.jobs.list(this.#deps.profile, this.#others());
  }

  get(jobId: number): Job {
    const job = this.#deps.jobs.get(jobId, this.#others());
    if (!job || job.profile !== this.#deps.profile || job.state === 'planning') throw new Failure('not_found', `There is no job ${jobId}.`, { hint: 'event-desk jobs list shows the jobs.', reason: 'job', params: { jobId } });
    return job;
  }

  items(jobId: number, afterSeq: number, limit: number, state: ItemState | null): JobItem[] {
    this.get(jobId);
    return this.#deps.jobs.items(jobId, afterSeq, limit, state);
  }

  /** Every item's result, streamed to a file or stdout (JSON, NDJSON or CSV). Returns how many. */
  async exportResults(jobId: number, format: ResultsFormat, target: { path: string } | { stream: Writable }): Promise<number> {
    const job = this.get(jobId);
    const jobs = this.#deps.jobs;
    function* all(): Generator<JobItem> {
      let after = 0;
      for (;;) {
        const page = jobs.items(jobId, after, 1000);
        yield* page;
        if (page.length < 1000) return;
        after = page.at(-1)!.seq;
      }
    }
    return writeItems(job, all(), format, target);
  }

  /** At startup: jobs of processes that are gone become "interrupted"; returns what was found. */
  recover(): { jobs: number; items: number; expiredPlans: number } {
    return this.#deps.jobs.recoverOrphans(this.#deps.presentRuns(), this.#deps.clock.now());
  }

  #others(): string[] {
    return this.#deps.liveRuns().filter((run) => run !== this.#deps.runId);
  }


  #notRunningHere(jobId: number): never {
    const job = this.get(jobId);
    if (job.runningElsewhere) throw new Failure('busy', `Job ${jobId} is running in another Event Desk process; pause it there.`, { reason: 'job', params: { jobId } });
    if (job.holder) throw new Failure('held', `Job ${jobId} is held by another Event Desk process that has gone quiet (pid ${job.holder.pid} on ${job.holder.host}).`, { hint: 'Resume it here (taking it over) first, if that process is not sending.', reason: 'job', params: { jobId } });
    throw new Failure('invalid_state', `Job ${jobId} is not running (it is ${job.state}).`, { reason: 'job', params: { jobId } });
  }

  #notRunningAnywhere(jobId: number): void {
    const job = this.get(jobId);
    if (job.state === 'running') throw new Failure('busy', `Job ${jobId} is running; pause it first.`, { reason: 'job', params: { jobId } });
  }
}

function asFailure(error: unknown): unknown {
  if (error instanceof SourceError) return new Failure('invalid_input', error.message);
  return error;
}
