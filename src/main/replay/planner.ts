import type { ItemState, Plan } from '../../shared/jobs.ts';
import type { Clock } from '../clock.ts';
import type { HistoryRepository } from '../history/history-repository.ts';
import { duplicateMessage } from '../sending/send-service.ts';
import { checkAgainst, violationLines } from '../plan/plan-checker.ts';
import type { LoadedPlan } from '../plan/workspace.ts';
import { fingerprint } from './fingerprint.ts';
import type { JobRepository } from './job-repository.ts';
import type { GuardQuestion } from './plan-guard.ts';
import type { NewItem } from './plan-journal.ts';
import { checkRecord } from './record-check.ts';
import { RepeatFinder, type EarlierItem } from './repeat-finder.ts';
import { recordBatches, type Source } from './sources/source.ts';

export interface PlannerDeps {
  jobs: JobRepository;
  history: HistoryRepository;
  clock: Clock;
  profile: string;
  runId: string;
  /** The tracking plan, loaded once for the whole source; null or absent: no plan to check against. */
  plan?: LoadedPlan | null;
}

export interface PlanOptions {
  /** Send items that were already delivered, and repeats within the source (default: skip them). */
  sendDuplicates: boolean;
  /** Also retry answers that may have landed (risk: duplicates; default off). */
  retryMaybeLanded?: boolean;
  /** The job's pace, in requests per minute; null uses the profile's budget. */
  ratePerMinute: number | null;
  /** The budget the estimate is made with. */
  budgetPerMinute: number;
  signal?: AbortSignal;
}

/** Items per transaction: large enough to be fast, small enough that other processes' sends never wait long. */
const BATCH = 2000;
const INVALID_SHOWN = 100;

/**
 * An item read but not written yet, as it will be written (an event's state and words are decided
 * when its batch has asked history) and, for an event, the earlier item it repeats. Kept small,
 * with the parsed value dropped once checked: a batch outlives several young collections, and what
 * survives them decides how far V8 grows its young generation (most of the planner's memory).
 */
type Unwritten = NewItem & { repeated: EarlierItem | null };

/**
 * Reads a source to the end and writes the job's journal: every record checked as the composer
 * would (invalid ones kept with their line and reason, never sent), every valid one fingerprinted
 * and compared with what history says was delivered. The job is invisible ("planning") until the
 * whole source is read; a failure or a crash leaves nothing half-imported.
 *
 * One pass, a batch at a time: records are checked, fingerprinted and compared with the source's
 * earlier records as they are read; each batch of BATCH asks the duplicate guard about all its
 * events at once (PlanGuard) and is written in one transaction of multi-row inserts (PlanJournal).
 */
export async function planJob(deps: PlannerDeps, source: Source, options: PlanOptions): Promise<Plan> {
  const { jobs, history, clock, profile, runId } = deps;
  const journal = jobs.planJournal();
  const guard = jobs.planGuard(history, profile);
  const jobId = jobs.create(profile, source.label, clock.now(), runId, options.sendDuplicates, options.ratePerMinute);
  if (options.retryMaybeLanded) jobs.setRetryMaybeLanded(jobId, true);
  const repeatsOf = new RepeatFinder((seqOf) => journal.item(jobId, seqOf));
  const unit = source.unit;
  const Unit = unit.charAt(0).toUpperCase() + unit.slice(1);
  let seq = 0;
  let invalid = 0;
  let duplicates = 0;
  let repeats = 0;
  let toSend = 0;
  let skipped = 0;
  // The first invalid items, as the plan shows them (the journal is not read back for them).
  const invalidSample: { line: number; error: string }[] = [];
  // The tracking plan's verdicts: a block makes the line invalid (never sent), a warning is sent and counted.
  const trackingPlan = { blocked: 0, warned: 0, warnedSample: [] as { line: number; error: string }[] };
  const planWords = (violations: Parameters<typeof violationLines>[0]) => {
    const lines = violationLines(violations.slice(0, 5));
    return `${lines.join('; ')}${violations.length > 5 ? `; and ${violations.length - 5} more` : ''}`;
  };
  let batch: Unwritten[] = [];
  /** The batch's events (not its invalid items), for the guard. */
  let events: (Unwritten & GuardQuestion)[] = [];
  // A repeat is looked for in this batch first (not written yet), then in the journal. While an
  // item is read, the batch holds the seqs `seq - batch.length` … `seq - 1`.
  const unwritten = (seqOf: number) => {
    const item = batch[seqOf - (seq - batch.length)];
    return item && { fingerprint: item.fingerprint, position: item.line };
  };
  const flush = () => {
    if (batch.length === 0) return;
    const matches = guard.matches(events);
    for (const item of events) {
      const match = matches.get(item.fingerprint);
      // An event in flight right now may still end "not sent": left pending, the guard at send time decides.
      const earlier = match?.state === 'in-flight' ? null : (match ?? null);
      const { repeated } = item;
      if (earlier) duplicates += 1;
      else if (repeated) repeats += 1;
      const skip = (earlier !== null || repeated !== null) && !options.sendDuplicates;
      if (skip) {
        item.state = 'skipped';
        skipped += 1;
      } else toSend += 1;
      if (earlier) item.error = duplicateMessage(earlier);
      else if (repeated) item.error = `${Unit} ${item.line} repeats ${unit} ${repeated.position} (the same name, customer and data)${options.sendDuplicates ? ': sent again, as asked' : ': sent once'}.`;
    }
    journal.add(jobId, seq - batch.length + 1, batch, clock.now());
    batch = [];
    events = [];
  };
  try {
    for await (const records of recordBatches(source)) {
      for (const record of records) {
        if (options.signal?.aborted) throw new Error('Planning was cancelled.');
        seq += 1;
        const checked = record.problem === undefined ? checkRecord(record.raw) : { problem: record.problem };
        const named = 'problem' in checked ? null : checked.event;
        const verdict = named === null || !deps.plan ? null : checkAgainst(deps.plan, named);
        if (verdict?.verdict === 'block') trackingPlan.blocked += 1;
        if (verdict?.verdict === 'warn' && named) {
          trackingPlan.warned += 1;
          if (trackingPlan.warnedSample.length < INVALID_SHOWN) trackingPlan.warnedSample.push({ line: record.position, error: `${unit} ${record.position}: event "${named.name.slice(0, 255)}": ${planWords(verdict.violations)}`.slice(0, 2000) });
        }
        if ('problem' in checked || verdict?.verdict === 'block') {
          invalid += 1;
          const problem = 'problem' in checked ? checked.problem : `blocked by the tracking plan: event "${checked.event.name.slice(0, 255)}": ${planWords(verdict?.violations ?? [])}`;
          // Bounded: a journal of a million blocked lines must not grow with a hostile definition's words.
          const error = `${unit} ${record.position}: ${problem}`.slice(0, 1000);
          if (invalidSample.length < INVALID_SHOWN) invalidSample.push({ line: record.position, error });
          batch.push({ line: record.position, state: 'invalid', name: null, customer: null, dataJson: null, fingerprint: null, error, repeated: null });
        } else {
          const { event, dataJson } = checked;
          const print = fingerprint(event, dataJson);
          const item: Unwritten & GuardQuestion = { line: record.position, state: 'pending', name: event.name, customer: event.customer, dataJson, fingerprint: print, error: null, repeated: repeatsOf.seen(print, seq, unwritten) };
          batch.push(item);
          events.push(item);
        }
        if (batch.length >= BATCH) flush();
      }
    }
    flush();
  } catch (error) {
    jobs.remove(jobId);
    throw error;
  }
  jobs.finishPlan(jobId, { lines: seq, invalid, duplicates }, clock.now());
  const pace = Math.min(options.ratePerMinute ?? options.budgetPerMinute, options.budgetPerMinute);
  return {
    // Counted as written: every item is pending, skipped or invalid, and the journal agrees.
    job: jobs.get(jobId, [], withoutZeros({ invalid, pending: toSend, skipped }))!,
    toSend,
    invalidSample,
    estimatedMs: toSend <= 1 ? 0 : ((toSend - 1) * 60_000) / pace,
    unit: source.unit,
    repeats,
    trackingPlan,
  };
}

/** Counts as the journal's GROUP BY gives them: states with no item are absent. */
function withoutZeros(counts: Partial<Record<ItemState, number>>): Partial<Record<ItemState, number>> {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
}
