import { describeHolder, type ItemState, type Job, type JobEvent, type JobHolder, type JobState } from '../../shared/jobs.ts';
import type { Clock } from '../clock.ts';
import { Failure } from '../failure.ts';
import type { RateBudget } from '../helpcrunch/rate-budget.ts';
import { DuplicateError, OutcomeUnrecordedError, type SendAttempt, type SendService } from '../sending/send-service.ts';
import type { JobLeases, Lease } from './job-lease.ts';
import type { JobRepository } from './job-repository.ts';
import { jobNotes, type JobNote } from './job-note.ts';
import { AdaptivePace, backoffMs } from './pace.ts';

export interface JobRunnerDeps {
  jobs: JobRepository;
  sender: SendService;
  budget: Pick<RateBudget, 'acquire' | 'waitMs' | 'perMinute'>;
  clock: Clock;
  /** Claims with a fencing number; the runner renews its lease while it runs. */
  leases: JobLeases;
  emit: (event: JobEvent) => void;
  /** History changed (throttled by the runner: once a second at most while a job runs). */
  historyChanged: () => void;
  random?: () => number;
}

/** Tries per item for transient failures (5xx, network) before it is marked "failed". */
const TRANSIENT_TRIES = 3;
const PROGRESS_EVERY_MS = 250;
const RATE_WINDOW_MS = 10_000;

/** How a run ended here: the job's state, or "taken-over" when another process took the job and this one stopped without sending. */
export type RunEnd = JobState | 'taken-over';

interface Control {
  /** "lost": the lease is another owner's now; stop at once, send nothing, write nothing. */
  stop: 'pause' | 'cancel' | 'lost' | null;
  lease: Lease;
  /** Aborts waits (pace, backoff, the budget queue); never a request in flight. */
  waits: AbortController;
  done: Promise<RunEnd>;
}

/**
 * Runs replay jobs: one item at a time through the same send path as the composer (history row
 * before the request), paced by the profile's shared budget as a batch (so a composer send goes
 * first) and by an adaptive pace of its own. Every step is in the journal first, so a crash at
 * any point leaves exact counts, and an item in flight becomes "unknown", never resent on its own.
 */
export class JobRunner {
  readonly #deps: JobRunnerDeps;
  readonly #active = new Map<number, Control>();

  constructor(deps: JobRunnerDeps) {
    this.#deps = deps;
  }

  /** Jobs this process is running now. */
  get running(): number[] {
    return [...this.#active.keys()];
  }

  /**
   * Takes the job and runs it in the background; `finished` resolves with how it ended. A job a
   * stalled process still holds (stopped, asleep, hung) is taken only with `takeOver`: that process
   * then stops without sending when it wakes, and what it had in flight is "unknown" (`inFlight`).
   */
  start(jobId: number, options: { takeOver?: boolean } = {}): { finished: Promise<RunEnd>; inFlight: number; from: JobHolder | null } {
    const { leases } = this.#deps;
    if (this.#active.has(jobId)) return { finished: this.#active.get(jobId)!.done, inFlight: 0, from: null };
    const claim = leases.claim(jobId, options);
    if (!claim.taken) throw refusal(jobId, claim, leases.leaseMs);
    const control: Control = { stop: null, lease: claim.lease, waits: new AbortController(), done: Promise.resolve('running') };
    control.done = this.#run(jobId, control).finally(() => this.#active.delete(jobId));
    this.#active.set(jobId, control);
    return { finished: control.done, inFlight: claim.inFlight, from: claim.from };
  }

  /** In-flight items finish; the rest stay pending. Resolves with the state the job stopped in. */
  async pause(jobId: number): Promise<RunEnd | null> {
    return this.#stop(jobId, 'pause');
  }

  async cancel(jobId: number): Promise<RunEnd | null> {
    return this.#stop(jobId, 'cancel');
  }

  async pauseAll(): Promise<void> {
    await Promise.all(this.running.map((jobId) => this.pause(jobId)));
  }

  async #stop(jobId: number, how: 'pause' | 'cancel'): Promise<RunEnd | null> {
    const control = this.#active.get(jobId);
    if (!control) return null;
    control.stop = how;
    control.waits.abort(new Error(how));
    return control.done;
  }

  async #run(jobId: number, control: Control): Promise<RunEnd> {
    const { jobs, sender, budget, clock, leases, emit } = this.#deps;
    const { lease } = control;
    // Another process took the job (this one was stopped or hung past its lease): stop at once.
    const lose = () => {
      control.stop = 'lost';
      control.waits.abort(new Error('lost'));
    };
    const renewal = setInterval(() => {
      try {
        if (!leases.renew(jobId, lease)) lose();
      } catch {
        // A busy database misses one renewal; the lease allows for several.
      }
    }, Math.max(10, leases.leaseMs / 6));
    renewal.unref();
    const random = this.#deps.random ?? Math.random;
    let job: Job;
    let skippedNow: number;
    let counts: Partial<Record<ItemState, number>>;
    try {
      job = jobs.get(jobId, [])!;
      // A plan can wait for hours: what was delivered meanwhile (another job, the composer) is skipped now, and said.
      skippedNow = job.sendDuplicates ? 0 : jobs.skipAlreadySent(jobId, job.profile, clock.now());
      counts = jobs.counts(jobId);
    } catch (error) {
      // Nothing was sent: give the job back (paused, saying why) rather than holding it running for ever.
      clearInterval(renewal);
      jobs.release(jobId, lease, 'paused', jobNotes.couldNotStart((error as Error).message), clock.now());
      throw error;
    }
    const pace = new AdaptivePace(budget.perMinute, job.ratePerMinute ?? budget.perMinute);
    const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
    const move = (from: ItemState, to: ItemState) => {
      counts[from] = (counts[from] ?? 1) - 1;
      counts[to] = (counts[to] ?? 0) + 1;
    };
    let lastProgress = 0;
    let lastHistoryNotice = 0;
    let lastStart = Number.NEGATIVE_INFINITY;
    let rateLimitedInARow = 0;
    let stopNote: JobNote | null = null;
    const progress = (() => {
      // The rate shown is counted from this run's starts (it is called once per item, after
      // `lastStart` moved): starts are spaced at least one budget interval apart, so k starts over
      // the k - 1 intervals between them never read above the budget. Finishes can bunch (latency
      // varies), and k finishes over the span of k - 1 intervals overshot. The last two starts are
      // kept past the window, so a slow job still shows its rate and a stalled one falls towards 0.
      const startedAt: number[] = [];
      return (force = false) => {
        const now = clock.now();
        if (lastStart !== Number.NEGATIVE_INFINITY && lastStart !== startedAt.at(-1)) startedAt.push(lastStart);
        if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = now;
        while (startedAt.length > 2 && startedAt[0]! <= now - RATE_WINDOW_MS) startedAt.shift();
        const ratePerMinute = startedAt.length < 2 || now <= startedAt[0]! ? 0 : ((startedAt.length - 1) / (now - startedAt[0]!)) * 60_000;
        const pending = counts.pending ?? 0;
        emit({ type: 'progress', jobId, at: now, counts: { ...counts } as Record<string, number>, total, ratePerMinute, pacePerMinute: pace.perMinute, budgetPerMinute: pace.ceiling, etaMs: pending === 0 ? 0 : pending * pace.intervalMs });
        if (now - lastHistoryNotice >= 1000) {
          lastHistoryNotice = now;
          this.#deps.historyChanged();
        }
      };
    })();
    const wait = async (ms: number) => {
      if (ms > 0) await clock.sleep(ms, control.waits.signal).catch(() => {});
    };
    emit({ type: 'started', jobId, at: clock.now() });
    if (skippedNow > 0) emit({ type: 'skipped', jobId, at: clock.now(), count: skippedNow, reason: `${skippedNow} ${skippedNow === 1 ? 'item was' : 'items were'} skipped: the same ${skippedNow === 1 ? 'event was' : 'events were'} delivered (or may have landed) since the plan was made.` });
    try {
      while (control.stop === null) {
        const item = jobs.nextPending(jobId);
        if (!item) break;
        await wait(lastStart + pace.intervalMs - clock.now());
        if (control.stop !== null) break;
        try {
          // The slot only: the client admits the start right before the request (the journal comes first).
          await budget.acquire(control.waits.signal, 'batch', { admit: false });
        } catch {
          break; // paused or cancelled while queued for a slot: nothing was taken
        }
        lastStart = clock.now();
        // Made for one address: if the account now points elsewhere (Settings changed while it ran),
        // stop before the item; resuming asks where it should go.
        const moved = jobs.originMoved(jobId);
        if (moved) {
          stopNote = jobNotes.originMoved(moved.madeFor, moved.now);
          control.stop = 'pause';
          break;
        }
        // Fenced: only while this run's claim still holds the job, in the same statement. Otherwise
        // the job was taken over while this process waited: it must not send.
        if (!jobs.markSending(jobId, item.seq, lease, lastStart)) {
          lose();
          break;
        }
        move('pending', 'sending');
        let attempt: SendAttempt;
        try {
          // The duplicate guard runs at send time for every item: a plan made before the same events
          // were delivered elsewhere (another job, the composer) must not send them again.
          const allowDuplicate = job.sendDuplicates || item.allowDuplicate;
          attempt = await sender.attempt(item.event, { priority: 'batch', retry: false, slotHeld: true, quiet: true, allowDuplicate, recorded: (historyId) => jobs.linkHistory(jobId, item.seq, lease, historyId) });
        } catch (error) {
          if (error instanceof DuplicateError) {
            if (!jobs.finishItem(jobId, item.seq, lease, 'skipped', { httpStatus: null, eventId: error.previous.eventId, error: `Not sent: ${error.message}` }, clock.now())) lose();
            move('sending', 'skipped');
            progress();
            continue;
          }
          if (error instanceof OutcomeUnrecordedError) {
            // The request left but its answer could not be written (disk full?): never "pending" again.
            const state: ItemState = error.disposition === 'delivered' ? 'sent' : error.disposition === 'maybe-landed' ? 'unknown' : 'failed';
            if (!jobs.finishItem(jobId, item.seq, lease, state, { httpStatus: null, eventId: null, error: error.message }, clock.now())) lose();
            move('sending', state);
            stopNote = jobNotes.stopped(error.message);
            break;
          }
          // Not recorded in history, or stopped before the request left (disk full?): nothing was sent. Put it back and stop.
          if (!jobs.finishItem(jobId, item.seq, lease, 'pending', { httpStatus: null, eventId: null, error: null }, clock.now())) lose();
          move('sending', 'pending');
          stopNote = jobNotes.stopped((error as Error).message);
          break;
        }
        const { entry, disposition } = attempt;
        const result = { httpStatus: entry.httpStatus, eventId: entry.eventId, error: entry.message };
        const finish = (state: ItemState) => {
          // Fenced too: after a takeover the item is the new owner's ("unknown"); this result is dropped.
          if (!jobs.finishItem(jobId, item.seq, lease, state, result, clock.now())) lose();
          move('sending', state);
        };
        // What the answer means was decided once (helpcrunch/disposition.ts): only not-sent is retried.
        switch (disposition) {
          case 'delivered':
            finish('sent');
            pace.delivered();
            rateLimitedInARow = 0;
            break;
          case 'rejected':
            if (entry.outcome === 'unauthorized') {
              // Every other item would fail the same way: stop until the key is fixed.
              finish('pending');
              stopNote = jobNotes.keyRejected(entry.message);
              control.stop = 'pause';
            } else finish('rejected');
            break;
          case 'not-sent':
            if (entry.outcome === 'rate_limited') {
              finish('pending');
              rateLimitedInARow += 1;
              pace.rateLimited();
              const waitMs = Math.max(budget.waitMs, backoffMs(rateLimitedInARow, random));
              emit({ type: 'rate_limited', jobId, at: clock.now(), waitMs, pacePerMinute: pace.perMinute });
              await wait(waitMs);
            } else if (item.attempts + 1 < TRANSIENT_TRIES) {
              finish('pending');
              await wait(backoffMs(item.attempts + 1, random));
            } else finish('failed');
            break;
          case 'maybe-landed':
            if (job.retryMaybeLanded && item.attempts + 1 < TRANSIENT_TRIES) {
              // The user opted in to this risk when starting the job: the retry may make a second event.
              jobs.allowDuplicate(jobId, item.seq, lease);
              finish('pending');
              await wait(backoffMs(item.attempts + 1, random));
            } else {
              // It may have been created: "Outcome unknown", never resent on its own.
              finish('unknown');
            }
            break;
        }
        progress();
      }
    } finally {
      clearInterval(renewal);
      if (control.stop !== 'lost') {
        const pending = counts.pending ?? 0;
        const state: JobState = control.stop === 'cancel' ? 'cancelled' : control.stop === 'pause' || stopNote !== null ? 'paused' : pending > 0 ? 'paused' : 'finished';
        const note = stopNote ?? (state === 'paused' ? jobNotes.paused() : state === 'cancelled' ? jobNotes.cancelled() : null);
        if (jobs.release(jobId, lease, state, note, clock.now())) {
          progress(true);
          this.#deps.historyChanged();
          if (state === 'paused') emit({ type: 'paused', jobId, at: clock.now(), reason: note?.text ?? 'Paused.' });
          emit({ type: 'finished', jobId, at: clock.now(), state, counts: { ...counts } as Record<string, number> });
        } else control.stop = 'lost';
      }
      if (control.stop === 'lost') this.#lost(jobId, counts);
    }
    return control.stop === 'lost' ? 'taken-over' : jobs.get(jobId, [])!.state;
  }

  /** The job is another owner's: nothing more is written for it here (its state is the new owner's). */
  #lost(jobId: number, counts: Partial<Record<ItemState, number>>): void {
    const { jobs, clock, emit } = this.#deps;
    this.#deps.historyChanged();
    emit({ type: 'finished', jobId, at: clock.now(), state: jobs.get(jobId, [])?.state ?? 'running', counts: { ...counts } as Record<string, number> });
  }
}

/** Why a claim was refused, in words, with what to do. */
function refusal(jobId: number, claim: Extract<ReturnType<JobLeases['claim']>, { taken: false }>, leaseMs: number): Failure {
  const { holder } = claim;
  if (claim.reason === 'not_found') return new Failure('not_found', `There is no job ${jobId}.`, { reason: 'job', params: { jobId } });
  if (claim.reason === 'state') return new Failure('invalid_state', `Job ${jobId} cannot be started while it is ${claim.state}.`, { reason: 'job', params: { jobId } });
  if (claim.reason === 'busy') {
    if (!holder) return new Failure('busy', `Job ${jobId} is already running in this process.`, { reason: 'job', params: { jobId } });
    return new Failure('busy', `Job ${jobId} is running in ${describeHolder(holder)}.`, { reason: 'job', params: { jobId }, hint: `Pause it there first, or wait for it to finish. If that process is stopped or frozen, its hold lapses within ${Math.round(leaseMs / 1000)} s and the job can then be taken over.` });
  }
  return new Failure('held', `Job ${jobId} is held by ${describeHolder(holder!)}, which has not been heard from for ${Math.round(holder!.silentForMs / 1000)} s: it may be stopped (Ctrl+Z), asleep, or hung, and may still wake up.`, {
    reason: 'job',
    params: { jobId },
    hint: `Take it over only if that process is not sending: event-desk jobs resume ${jobId} --take-over (it then stops without sending; what it had in flight becomes "Outcome unknown").`,
  });
}
