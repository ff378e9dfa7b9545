import type { Command } from 'commander';
import { read } from 'read';
import type { Core } from '../../main/core.ts';
import { formatEta, type Plan } from '../../shared/jobs.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { examples } from '../help.ts';
import { addFilterOptions, filterFrom, type FilterOptions } from '../history-filter-options.ts';
import { action, subscribeJobs, withCore, type CliContext, type GlobalOptions } from '../host.ts';
import { runJobWithProgress } from '../job-progress.ts';

interface ReplayOptions extends FilterOptions {
  fromHistory?: boolean;
  yes?: boolean;
  allowDuplicates?: boolean;
  json?: boolean;
}

/** event-desk replay: plan a job from a file or from history, show the plan, ask, run it. */
export function registerReplay(program: Command, context: CliContext): void {
  examples(
    addFilterOptions(
      program
        .command('replay')
        .description('Replay events from a file (NDJSON, JSON array, Event Desk export, CSV) or from history: plan, confirm, send at the rate limit, resumable')
        .argument('[file]', 'the file to replay; any size, streamed')
        .option('--from-history', 'replay past sends matching the history filters below, oldest first')
        .option('--yes', 'start without asking (needed when stdin is not a terminal)')
        .option('--allow-duplicates', 'also send items that were already delivered (skipped by default)')
        .option('--json', 'print the plan and NDJSON progress records on stdout'),
    ).action(action(context, async (file: string | undefined, options: ReplayOptions) => {
      if ((file === undefined) === !options.fromHistory) throw new UsageError('Give a file to replay, or --from-history (not both).', 'event-desk replay events.ndjson   or   event-desk replay --from-history --outcome network_error');
      const filter = options.fromHistory ? filterFrom(options) : null;
      const global = program.opts<GlobalOptions>();
      return withCore(global, context, async (core) => {
        const request = { sendDuplicates: options.allowDuplicates === true, ratePerMinute: global.rate === undefined ? null : Number(global.rate) };
        const plan = filter ? await core.replay.planHistory({ filter }, request) : await core.replay.planFile(file!, request);
        showPlan(context, plan, options.json === true);
        if (!(await confirmStart(core, plan, context, options))) return EXIT.failed;
        return runJobWithProgress(core, plan.job.id, context, options.json === true, (listener) => subscribeJobs(context, listener));
      });
    })),
    ['event-desk replay events.ndjson', 'event-desk --rate 60 replay backfill.csv --yes', 'event-desk replay --from-history --outcome network_error --since 2026-11-20 --yes --json'],
  );
}

/** The plan in words (stderr), or as one JSON record (stdout). */
export function showPlan(context: CliContext, plan: Plan, json: boolean): void {
  const { terminal } = context;
  if (json) {
    terminal.data(JSON.stringify({ type: 'plan', ...plan }));
    return;
  }
  const { job } = plan;
  terminal.info(`Job ${job.id}: ${job.source}`);
  terminal.info(`  ${job.lines} ${plan.unit}${job.lines === 1 ? '' : 's'} read · ${plan.toSend} to send · ${job.invalid} invalid (never sent) · ${job.duplicates} already delivered${job.duplicates > 0 ? (job.sendDuplicates ? ' (sent again, as asked)' : ' (skipped)') : ''}`);
  if (plan.toSend > 0) terminal.info(plan.estimatedMs < 1000 ? '  Under a second at the budget.' : `  About ${formatEta(plan.estimatedMs)} at the budget.`);
  for (const invalid of plan.invalidSample.slice(0, 20)) terminal.warn(`  ${invalid.error}`);
  if (job.invalid > 20) terminal.warn(`  … and ${job.invalid - 20} more: event-desk jobs show ${job.id} --items invalid`);
}

/** Asks on a terminal unless --yes; a script without --yes is told which flag to add. */
async function confirmStart(core: Core, plan: Plan, context: CliContext, options: { yes?: boolean }): Promise<boolean> {
  if (plan.toSend === 0) {
    context.terminal.info('Nothing to send.');
    core.replay.discard(plan.job.id);
    return false;
  }
  if (options.yes) return true;
  if (!process.stdin.isTTY || !context.terminal.interactive) {
    core.replay.discard(plan.job.id);
    throw new UsageError('Not started: nothing is sent without a yes.', 'Add --yes to start without asking.');
  }
  const answer = await read({ prompt: `Send ${plan.toSend} event${plan.toSend === 1 ? '' : 's'} now? [y/N] `, output: process.stderr });
  if (/^y(es)?$/i.test(answer.trim())) return true;
  core.replay.discard(plan.job.id);
  context.terminal.info('Not started; the plan was discarded.');
  return false;
}
