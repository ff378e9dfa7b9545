import type { HistoryEntry } from '../../shared/history.ts';
import type { ItemState, JobEvent, JobState } from '../../shared/jobs.ts';
import type { Clock } from '../clock.ts';
import { Failure } from '../failure.ts';
import type { RateBudget } from '../helpcrunch/rate-budget.ts';
import type { SendService } from '../sending/send-service.ts';
import type { JobRepository } from './job-repository.ts';
import { AdaptivePace, backoffMs } from './pace.ts';

export interface JobRunnerDeps {
  jobs: JobRepository;
  sender: SendService;
  budget: Pick<RateBudget, 'acquire' | 'waitMs' | 'perMinute'>;
  clock: Clock;
  runId: string;
  liveRuns: () => string[];
  emit: (event: JobEvent) => void;
  /** History changed (throttled by the runner: once a second at most while a job runs). */
  historyChanged: () => void;
  random?: () => number;
}

/** Tries per item for transient failures (5xx, network) before it is marked "failed". */
const TRANSIENT_TRIES = 3;
const PROGRESS_EVERY_MS = 250;
const RATE_WINDOW_MS = 10_000;

interface Control {
  stop: 'pause' | 'cancel' | null;
  /** Aborts waits (pace, backoff, the budget queue); never a request in flight. */
  waits: AbortController;
  done: Promise<JobState>;
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
   * Takes the job (unless another live process runs it) and runs it in the background. Resolves
   * once it is taken; `finished` resolves with the state it stopped in.
   */
  start(jobId: number): { finished: Promise<JobState> } {
    const { jobs, runId, liveRuns, clock } = this.#deps;
    if (this.#active.has(jobId)) return { finished: this.#active.get(jobId)!.done };
    if (!jobs.claim(jobId, runId, liveRuns(), clock.now())) {
      const job = jobs.get(jobId, []);
      if (!job) throw new Failure('not_found', `There is no job ${jobId}.`);
      if (job.state === 'running') throw new Failure('busy', `Job ${jobId} is running in another Event Desk process (the app or a CLI run).`, { hint: 'Pause it there first, or wait for it to finish.' });
      throw new Failure('invalid_state', `Job ${jobId} cannot be started while it is ${job.state}.`);
    }
    const control: Control = { stop: null, waits: new AbortController(), done: Promise.resolve('running') };
    control.done = this.#run(jobId, control).finally(() => this.#active.delete(jobId));
    this.#active.set(jobId, control);
    return { finished: control.done };
  }

  /** In-flight items finish; the rest stay pending. Resolves with the state the job stopped in. */
  async pause(jobId: number): Promise<JobState | null> {
    return this.#stop(jobId, 'pause');
  }

  async cancel(jobId: number): Promise<JobState | null> {
    return this.#stop(jobId, 'cancel');
  }

  async pauseAll(): Promise<void> {
    await Promise.all(this.running.map((jobId) => this.pause(jobId)));
  }

  async #stop(jobId: number, how: 'pause' | 'cancel'): Promise<JobState | null> {
    const control = this.#active.get(jobId);
    if (!control) return null;
    control.stop = how;
    control.waits.abort(new Error(how));
    return control.done;
  }

  async #run(jobId: number, control: Control): Promise<JobState> {
    const { jobs, sender, budget, clock, runId, emit } = this.#deps;
    const random = this.#deps.random ?? Math.random;
    const job = jobs.get(jobId, [])!;
    const pace = new AdaptivePace(budget.perMinute, job.ratePerMinute ?? budget.perMinute);
    const counts = jobs.counts(jobId);
    const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
    const move = (from: ItemState, to: ItemState) => {
      counts[from] = (counts[from] ?? 1) - 1;
      counts[to] = (counts[to] ?? 0) + 1;
    };
    const finishedAt: number[] = [];
    let lastProgress = 0;
    let lastHistoryNotice = 0;
    let lastStart = Number.NEGATIVE_INFINITY;
    let rateLimitedInARow = 0;
    let stopNote: string | null = null;
    const progress = (force = false) => {
      const now = clock.now();
      if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      while (finishedAt.length > 0 && finishedAt[0]! < now - RATE_WINDOW_MS) finishedAt.shift();
      const span = Math.min(RATE_WINDOW_MS, Math.max(1000, now - (finishedAt[0] ?? now)));
      const pending = counts.pending ?? 0;
      emit({ type: 'progress', jobId, at: now, counts: { ...counts } as Record<string, number>, total, ratePerMinute: (finishedAt.length / span) * 60_000, pacePerMinute: pace.perMinute, budgetPerMinute: pace.ceiling, etaMs: pending === 0 ? 0 : pending * pace.intervalMs });
      if (now - lastHistoryNotice >= 1000) {
        lastHistoryNotice = now;
        this.#deps.historyChanged();
      }
    };
    const wait = async (ms: number) => {
      if (ms > 0) await clock.sleep(ms, control.waits.signal).catch(() => {});
    };
    emit({ type: 'started', jobId, at: clock.now() });
    try {
      while (control.stop === null) {
        const item = jobs.nextPending(jobId);
        if (!item) break;
        await wait(lastStart + pace.intervalMs - clock.now());
        if (control.stop !== null) break;
        try {
          await budget.acquire(control.waits.signal, 'batch');
        } catch {
          break; // paused or cancelled while queued for a slot: nothing was taken
        }
        lastStart = clock.now();
        jobs.markSending(jobId, item.seq, lastStart);
        move('pending', 'sending');
        let entry: HistoryEntry;
        try {
          entry = await sender.send(item.event, { priority: 'batch', retry: false, slotHeld: true, quiet: true, allowDuplicate: true, recorded: (historyId) => jobs.linkHistory(jobId, item.seq, historyId) });
        } catch (error) {
          // Not recorded in history (disk full?): nothing was sent. Put it back and stop.
          jobs.finishItem(jobId, item.seq, 'pending', { httpStatus: null, eventId: null, error: null }, clock.now());
          move('sending', 'pending');
          stopNote = (error as Error).message;
          break;
        }
        finishedAt.push(clock.now());
        const result = { httpStatus: entry.httpStatus, eventId: entry.eventId, error: entry.message };
        const finish = (state: ItemState) => {
          jobs.finishItem(jobId, item.seq, state, result, clock.now());
          move('sending', state);
        };
        switch (entry.outcome) {
          case 'sent':
            finish('sent');
            pace.delivered();
            rateLimitedInARow = 0;
            break;
          case 'rejected':
          case 'not_found':
            finish('rejected');
            break;
          case 'unauthorized':
            // Every other item would fail the same way: stop until the key is fixed.
            finish('pending');
            stopNote = `${entry.message ?? 'HelpCrunch did not accept the API key.'} Fix the key, then resume the job.`;
            control.stop = 'pause';
            break;
          case 'rate_limited': {
            finish('pending');
            rateLimitedInARow += 1;
            pace.rateLimited();
            const waitMs = Math.max(budget.waitMs, backoffMs(rateLimitedInARow, random));
            emit({ type: 'rate_limited', jobId, at: clock.now(), waitMs, pacePerMinute: pace.perMinute });
            await wait(waitMs);
            break;
          }
          case 'server_error':
          case 'network_error':
            if (item.attempts + 1 < TRANSIENT_TRIES) {
              finish('pending');
              await wait(backoffMs(item.attempts + 1, random));
            } else finish('failed');
            break;
          default:
            // A timeout or an unreadable answer: it may have been created. Never resent on its own.
            finish('unknown');
        }
        progress();
      }
    } finally {
      const pending = counts.pending ?? 0;
      const state: JobState = control.stop === 'cancel' ? 'cancelled' : control.stop === 'pause' || stopNote !== null ? 'paused' : pending > 0 ? 'paused' : 'finished';
      const note = stopNote ?? (state === 'paused' ? 'Paused. Resume to send the remaining items.' : state === 'cancelled' ? 'Cancelled; the remaining items were not sent.' : null);
      jobs.release(jobId, runId, state, note, clock.now());
      progress(true);
      this.#deps.historyChanged();
      if (state === 'paused') emit({ type: 'paused', jobId, at: clock.now(), reason: note ?? 'Paused.' });
      emit({ type: 'finished', jobId, at: clock.now(), state, counts: { ...counts } as Record<string, number> });
    }
    return jobs.get(jobId, [])!.state;
  }
}
