import cliProgress from 'cli-progress';
import type { Scope } from '../main/core/index.ts';
import { refuseOtherOrigin } from './account-confirm.ts';
import { describeHolder, formatEta, type JobEvent, type JobState } from '../shared/jobs.ts';
import { EXIT } from './exit-codes.ts';
import type { CliContext } from './host.ts';
import { withoutAppSentences } from './words.ts';

/**
 * Runs a job in this process and shows it: a bar with count, rate and ETA on a terminal; one
 * NDJSON record per progress event with --json; nothing else on a pipe. Ctrl+C pauses cleanly
 * (in-flight items finish, the journal stays exact) and says how to resume; a second Ctrl+C exits
 * at once, which the journal also survives.
 */
export async function runJobWithProgress(scope: Scope, jobId: number, context: CliContext, json: boolean, subscribe: (listener: (event: JobEvent) => void) => () => void, start: { takeOver?: boolean } = {}): Promise<number> {
  const { terminal } = context;
  // A job made for another origin is never sent elsewhere from the CLI (every CLI start passes here).
  refuseOtherOrigin(scope.origins.job(jobId), `Job ${jobId}`);
  const bar = !json && terminal.interactive ? new cliProgress.SingleBar({ stream: terminal.stderr, format: 'Job {job} [{bar}] {value}/{total} · {rate}/min of {budget} · ETA {eta_text}', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  let started = false;
  const unsubscribe = subscribe((event) => {
    if (event.jobId !== jobId) return;
    if (json) terminal.data(JSON.stringify(event));
    if (!bar) return;
    if (event.type === 'progress') {
      const done = event.total - (event.counts.pending ?? 0) - (event.counts.sending ?? 0);
      const payload = { job: jobId, rate: Math.round(event.ratePerMinute), budget: Math.round(event.budgetPerMinute), eta_text: event.etaMs === null ? '?' : formatEta(event.etaMs) };
      if (!started) {
        bar.start(event.total, done, payload);
        started = true;
      } else bar.update(done, payload);
    }
    if (event.type === 'skipped') {
      bar.stop();
      started = false;
      terminal.warn(event.reason);
    }
    if (event.type === 'rate_limited') {
      bar.stop();
      started = false;
      terminal.warn(`HelpCrunch said 429 (too many requests): waiting ${Math.ceil(event.waitMs / 1000)} s, then continuing at ${Math.round(event.pacePerMinute)}/min.`);
    }
  });
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts === 1) {
      bar?.stop();
      terminal.warn('Pausing: the events in flight finish first. Press Ctrl+C again to stop at once (the job can still be resumed safely).');
      void scope.runner.pause(jobId);
    } else {
      terminal.warn(`Stopped. Resume with: event-desk jobs resume ${jobId}`);
      process.exit(130);
    }
  };
  // SIGTERM (docker stop, a Kubernetes Job's end, systemd): a clean pause, never a hard stop; the
  // in-flight events finish, so a restarted container resumes with nothing "Outcome unknown".
  let terminating = false;
  const onTerminate = () => {
    if (terminating) return;
    terminating = true;
    bar?.stop();
    terminal.warn('Pausing (SIGTERM): the events in flight finish first; the job can be resumed.');
    void scope.runner.pause(jobId);
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  let state: JobState | 'taken-over';
  try {
    const run = scope.replay.start(jobId, start);
    if (run.from) terminal.warn(`Took over job ${jobId} from ${describeHolder(run.from)}: it stops without sending when it wakes.${run.inFlight > 0 ? ` ${run.inFlight} item${run.inFlight === 1 ? ' it had in flight is' : 's it had in flight are'} now "Outcome unknown" (never resent on ${run.inFlight === 1 ? 'its' : 'their'} own).` : ''}`);
    state = await run.finished;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
    unsubscribe();
    bar?.stop();
  }
  if (state === 'taken-over') {
    // Another process took the job while this one was stopped or frozen: the job and its items are its now.
    terminal.warn(`Job ${jobId} was taken over by another Event Desk process while this one was stopped: this process sent nothing more. See: event-desk jobs show ${jobId}`);
    return EXIT.failed;
  }
  const job = scope.replay.get(jobId);
  const counts = job.counts;
  const summary = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${count} ${name}`)
    .join(', ');
  if (!json) {
    if (state === 'paused') terminal.warn(`Job ${jobId} is paused (${summary}). ${withoutAppSentences(job.note ?? '').text} Resume with: event-desk jobs resume ${jobId}`);
    else if (state === 'cancelled') terminal.warn(`Job ${jobId} was cancelled (${summary}).`);
    else terminal.info(`Job ${jobId} finished: ${summary}.`);
    if ((counts.failed ?? 0) > 0) terminal.info(`Retry the ${counts.failed} failed: event-desk jobs retry ${jobId}`);
    if ((counts.unknown ?? 0) > 0) terminal.info(`${counts.unknown} may or may not have arrived: event-desk jobs resolve ${jobId} --resend|--delivered`);
  }
  if ((counts.unknown ?? 0) > 0) return EXIT.unknown;
  const clean = state === 'finished' && job.invalid === 0 && (counts.pending ?? 0) + (counts.failed ?? 0) + (counts.rejected ?? 0) + (counts.unknown ?? 0) + (counts.sending ?? 0) === 0;
  return clean ? EXIT.ok : EXIT.failed;
}
