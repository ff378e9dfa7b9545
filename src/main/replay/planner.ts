import type { Plan } from '../../shared/jobs.ts';
import type { Clock } from '../clock.ts';
import type { HistoryRepository } from '../history/history-repository.ts';
import { duplicateMessage } from '../sending/send-service.ts';
import { fingerprint } from './fingerprint.ts';
import { RepeatFinder } from './repeat-finder.ts';
import type { JobRepository, NewItem } from './job-repository.ts';
import { checkRecord } from './record-check.ts';
import type { Source } from './sources/source.ts';

export interface PlannerDeps {
  jobs: JobRepository;
  history: HistoryRepository;
  clock: Clock;
  profile: string;
  runId: string;
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
 * Reads a source to the end and writes the job's journal: every record checked as the composer
 * would (invalid ones kept with their line and reason, never sent), every valid one fingerprinted
 * and compared with what history says was delivered. The job is invisible ("planning") until the
 * whole source is read; a failure or a crash leaves nothing half-imported.
 */
export async function planJob(deps: PlannerDeps, source: Source, options: PlanOptions): Promise<Plan> {
  const { jobs, history, clock, profile, runId } = deps;
  const jobId = jobs.create(profile, source.label, clock.now(), runId, options.sendDuplicates, options.ratePerMinute);
  if (options.retryMaybeLanded) jobs.setRetryMaybeLanded(jobId, true);
  const repeatsOf = new RepeatFinder((seqOf) => jobs.itemFingerprint(jobId, seqOf));
  let seq = 0;
  let invalid = 0;
  let duplicates = 0;
  let repeats = 0;
  let toSend = 0;
  let batch: NewItem[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    jobs.addItems(jobId, seq - batch.length + 1, batch, clock.now());
    batch = [];
  };
  try {
    for await (const record of source.records) {
      if (options.signal?.aborted) throw new Error('Planning was cancelled.');
      seq += 1;
      const checked = record.problem === undefined ? checkRecord(record.raw) : { problem: record.problem };
      if ('problem' in checked) {
        invalid += 1;
        batch.push({ line: record.position, state: 'invalid', event: null, fingerprint: null, error: `${source.unit} ${record.position}: ${checked.problem}` });
      } else {
        const print = fingerprint(checked.event);
        // An event in flight right now may still end "not sent": left pending, the guard at send time decides.
        const match = history.guardMatch(profile, print, checked.event);
        const earlier = match?.state === 'in-flight' ? null : match;
        // A repeat is looked for in this batch first (not written yet), then in the journal.
        const repeated = repeatsOf.seen(print, seq, record.position, (seqOf) => batchFingerprint(batch, seq, seqOf));
        if (earlier) duplicates += 1;
        else if (repeated) repeats += 1;
        const skip = (earlier !== null || repeated !== null) && !options.sendDuplicates;
        if (!skip) toSend += 1;
        batch.push({
          line: record.position,
          state: skip ? 'skipped' : 'pending',
          event: checked.event,
          fingerprint: print,
          error: earlier ? duplicateMessage(earlier) : repeated ? `${capitalise(source.unit)} ${record.position} repeats ${source.unit} ${repeated.position} (the same name, customer and data)${options.sendDuplicates ? ': sent again, as asked' : ': sent once'}.` : null,
        });
      }
      if (batch.length >= BATCH) flush();
    }
    flush();
  } catch (error) {
    jobs.remove(jobId);
    throw error;
  }
  jobs.finishPlan(jobId, { lines: seq, invalid, duplicates }, clock.now());
  const pace = Math.min(options.ratePerMinute ?? options.budgetPerMinute, options.budgetPerMinute);
  return {
    job: jobs.get(jobId, [])!,
    toSend,
    invalidSample: jobs.invalidSample(jobId, INVALID_SHOWN),
    estimatedMs: toSend <= 1 ? 0 : ((toSend - 1) * 60_000) / pace,
    unit: source.unit,
    repeats,
  };
}

/**
 * The fingerprint of an earlier item that is still in the unwritten batch, or undefined when it was
 * already written to the journal. Before the current item is pushed, the batch holds the seqs
 * `currentSeq - batch.length` … `currentSeq - 1`.
 */
function batchFingerprint(batch: NewItem[], currentSeq: number, seq: number): string | null | undefined {
  const index = seq - currentSeq + batch.length;
  return index >= 0 && index < batch.length ? batch[index]!.fingerprint : undefined;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
