import { Option, type Command } from 'commander';
import { Failure } from '../../main/core/index.ts';
import { describeHolder, itemStateSchema, JOB_STATE_LABELS, type ItemState, type Job } from '../../shared/jobs.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { examples } from '../help.ts';
import { action, subscribeJobs, withCore, type CliContext, type GlobalOptions } from '../host.ts';
import { runJobWithProgress } from '../job-progress.ts';
import { confirmAccount, refuseOtherOrigin } from '../account-confirm.ts';
import { ask, Interrupted, isInterrupt } from '../prompt.ts';
import { withoutAppSentences } from '../words.ts';

/** event-desk jobs list|show|resume|retry|resolve|export */
export function registerJobs(program: Command, context: CliContext): void {
  const { terminal } = context;
  const global = () => program.opts<GlobalOptions>();
  const jobs = program.command('jobs').description('Replay jobs: list, show, resume, retry failed, resolve unknown outcomes, export results');
  examples(jobs, ['event-desk jobs list', 'event-desk jobs resume 3', 'event-desk jobs export 3 --format csv --out results.csv']);

  examples(
    jobs
      .command('list')
      .description('Every job, newest first, with its state and counts')
      .option('--json', 'print a JSON array of jobs (each with id and state)')
      .action(action(context, async (options: { json?: boolean }) =>
        withCore(global(), context, async (_core, scope) => {
          const list = scope.replay.list();
          if (options.json) terminal.data(JSON.stringify(list));
          else if (list.length === 0) terminal.info('No replay jobs yet. Start one with: event-desk replay FILE');
          else for (const job of list) terminal.data(describe(job));
          return EXIT.ok;
        }),
      )),
    ['event-desk jobs list', 'event-desk jobs list --json | jq ".[] | select(.state == \\"interrupted\\") | .id"'],
  );

  examples(
    jobs
      .command('show')
      .description('One job: its counts and, with --items, its items')
      .argument('<id>', 'job id')
      .addOption(new Option('--items <state>', 'list the items in this state').choices(itemStateSchema.options))
      .option('--json', 'print JSON')
      .action(action(context, async (id: string, options: { items?: ItemState; json?: boolean }) =>
        withCore(global(), context, async (_core, scope) => {
          const job = scope.replay.get(jobId(id));
          const items = options.items ? scope.replay.items(job.id, 0, 500, options.items) : [];
          if (options.json) terminal.data(JSON.stringify(options.items ? { job, items } : job));
          else {
            terminal.data(describe(job));
            if (job.note) terminal.data(`  ${withoutAppSentences(job.note).text}`);
            for (const item of items) terminal.data(`  ${item.seq}\t${item.state}\t${item.name ?? ''}\t${item.customer ?? ''}\t${withoutAppSentences(item.error ?? '').text}`);
          }
          return EXIT.ok;
        }),
      )),
    ['event-desk jobs show 3', 'event-desk jobs show 3 --items invalid'],
  );

  examples(
    jobs
      .command('resume')
      .description('Continue a paused or interrupted job (here, in this process)')
      .argument('<id>', 'job id')
      .option('--yes', 'resume without asking (in a production account also --confirm-account NAME)')
      .option('--take-over', 'take the job from another Event Desk process that holds it but has stopped answering (Ctrl+Z, a closed laptop, hung). Risk: the event it was sending may or may not have arrived; it becomes "Outcome unknown" and is not resent. That process sends nothing more when it wakes.')
      .option('--json', 'NDJSON progress records on stdout')
      .action(action(context, async (id: string, options: { yes?: boolean; json?: boolean; takeOver?: boolean }) =>
        withCore(global(), context, async (_core, scope) => {
          const job = scope.replay.get(jobId(id));
          refuseHeld(job, options.takeOver === true);
          const pending = job.counts.pending ?? 0;
          if ((job.counts.unknown ?? 0) > 0) terminal.warn(`${job.counts.unknown} item(s) have an unknown outcome and are not resent: event-desk jobs resolve ${job.id} --resend|--delivered`);
          if (pending === 0) {
            terminal.info(`Job ${job.id} has nothing left to send.`);
            return EXIT.ok;
          }
          refuseOtherOrigin(scope.origins.job(job.id), `Job ${job.id}`);
          if (!(await confirmAccount(scope, context, global(), options, `send ${pending} event${pending === 1 ? '' : 's'}`))) {
            const from = job.holder ? `Take job ${job.id} over from ${describeHolder(job.holder)} and send` : 'Send';
            await confirm(`${from} the ${pending} remaining event${pending === 1 ? '' : 's'} of job ${job.id}?`, options.yes === true, context);
          }
          return runJobWithProgress(scope, job.id, context, options.json === true, (listener) => subscribeJobs(context, listener), { takeOver: options.takeOver === true });
        }),
      )),
    ['event-desk jobs resume 3', 'event-desk jobs resume 3 --yes --json', 'event-desk jobs resume 3 --take-over   # its CLI run was stopped with Ctrl+Z in another terminal'],
  );

  examples(
    jobs
      .command('retry')
      .description('Queue the items that failed for transient reasons (5xx, network, 429) again, and run the job')
      .argument('<id>', 'job id')
      .option('--rejected', 'retry the rejected (4xx) items instead; they usually need editing first')
      .option('--yes', 'start without asking (in a production account also --confirm-account NAME)')
      .option('--json', 'NDJSON progress records on stdout')
      .action(action(context, async (id: string, options: { rejected?: boolean; yes?: boolean; json?: boolean }) =>
        withCore(global(), context, async (_core, scope) => {
          const job = scope.replay.get(jobId(id));
          const which = options.rejected ? 'rejected' : 'failed';
          const count = job.counts[which] ?? 0;
          if (count === 0) {
            terminal.info(`Job ${job.id} has no ${which} items.`);
            return EXIT.ok;
          }
          refuseOtherOrigin(scope.origins.job(job.id), `Job ${job.id}`);
          if (!(await confirmAccount(scope, context, global(), options, `send ${count} event${count === 1 ? '' : 's'}`))) {
            await confirm(`Send the ${count} ${which} item${count === 1 ? '' : 's'} of job ${job.id} again?`, options.yes === true, context);
          }
          scope.replay.retry(job.id, which);
          return runJobWithProgress(scope, job.id, context, options.json === true, (listener) => subscribeJobs(context, listener));
        }),
      )),
    ['event-desk jobs retry 3', 'event-desk jobs retry 3 --rejected --yes'],
  );

  examples(
    jobs
      .command('resolve')
      .description('Decide about items whose outcome is unknown (in flight at a crash, or timed out)')
      .argument('<id>', 'job id')
      .option('--resend', 'queue them to be sent again (resume the job to send)')
      .option('--delivered', 'count them as delivered')
      .option('--item <seq...>', 'only these items (default: all unknown items)')
      .action(action(context, async (id: string, options: { resend?: boolean; delivered?: boolean; item?: string[] }) =>
        withCore(global(), context, async (_core, scope) => {
          if (!options.resend === !options.delivered) throw new UsageError('Say --resend or --delivered.');
          const seqs = options.item ? options.item.map((seq) => jobId(seq)) : 'all';
          const count = scope.replay.resolveUnknown(jobId(id), seqs, options.resend ? 'resend' : 'delivered');
          terminal.info(`${count} item${count === 1 ? '' : 's'} ${options.resend ? 'queued to be sent again (event-desk jobs resume ' + id + ')' : 'counted as delivered'}.`);
          return EXIT.ok;
        }),
      )),
    ['event-desk jobs resolve 3 --delivered', 'event-desk jobs resolve 3 --resend --item 17 18'],
  );

  examples(
    jobs
      .command('export')
      .description("Every item's result (state, HTTP status, event id, history entry, error)")
      .argument('<id>', 'job id')
      .addOption(new Option('--format <format>', 'output format').choices(['json', 'ndjson', 'csv']).default('json'))
      .requiredOption('--out <file|->', 'a file path, or - for stdout')
      .action(action(context, async (id: string, options: { format: 'json' | 'ndjson' | 'csv'; out: string }) =>
        withCore(global(), context, async (_core, scope) => {
          const target = options.out === '-' ? { stream: terminal.stdout } : { path: options.out };
          const count = await scope.replay.exportResults(jobId(id), options.format, target);
          terminal.info(`Exported ${count} item${count === 1 ? '' : 's'}${'path' in target ? ` to ${target.path}` : ''}.`);
          return EXIT.ok;
        }),
      )),
    ['event-desk jobs export 3 --format csv --out results.csv', 'event-desk jobs export 3 --format ndjson --out - | jq -c "select(.state == \\"failed\\")"'],
  );
}

function jobId(text: string): number {
  if (!/^[1-9]\d{0,14}$/.test(text)) throw new UsageError(`"${text}" is not a job id: job ids are whole numbers (event-desk jobs list shows them).`);
  return Number(text);
}

function describe(job: Job): string {
  const counts = Object.entries(job.counts)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${state}`)
    .join(', ');
  const held = job.holder ? (job.holder.stalled ? ` · stalled: held by ${describeHolder(job.holder)} (event-desk jobs resume ${job.id} --take-over)` : ` · running in ${describeHolder(job.holder)}`) : job.runningElsewhere ? ' · running in another process' : '';
  return `${String(job.id).padEnd(5)} ${JOB_STATE_LABELS[job.state].padEnd(20)} ${job.source} · ${counts || 'no items'}${held}`;
}

/**
 * A job another process holds is never taken silently: one that runs it is left alone; one that
 * has gone quiet (stopped, asleep, hung: it may wake) only with --take-over. Nothing is sent here.
 */
function refuseHeld(job: Job, takeOver: boolean): void {
  const { holder } = job;
  if (!holder) return;
  if (!holder.stalled) throw new Failure('busy', `Job ${job.id} is running in ${describeHolder(holder)}. Nothing was sent.`, { hint: 'Pause it there first, or wait for it to finish.' });
  if (takeOver) return;
  throw new UsageError(
    `Job ${job.id} is held by ${describeHolder(holder)}, which has not been heard from for ${Math.round(holder.silentForMs / 1000)} s: it may be stopped (Ctrl+Z), asleep or hung, and may wake up. Nothing was sent.`,
    `If that process is not sending, take the job over: event-desk jobs resume ${job.id} --take-over (it then sends nothing more; the event it had in flight becomes "Outcome unknown").`,
  );
}

/** Asks on a terminal unless --yes; a script without --yes is told which flag to add. */
async function confirm(question: string, yes: boolean, context: CliContext): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY || !context.terminal.interactive) throw new UsageError('Not started: nothing is sent without a yes.', 'Add --yes to start without asking.');
  let answer: string;
  try {
    answer = await ask(`${question} [y/N] `);
  } catch (error) {
    throw isInterrupt(error) ? new Interrupted('Not started (Ctrl+C); nothing was sent.') : error;
  }
  if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError('Not started.');
}
