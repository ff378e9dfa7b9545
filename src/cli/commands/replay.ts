import type { Command } from 'commander';
import type { Scope } from '../../main/core/index.ts';
import { confirmAccount } from '../account-confirm.ts';
import { formatEta, type Plan } from '../../shared/jobs.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { examples } from '../help.ts';
import { addFilterOptions, filterFrom, withCustomer, type FilterOptions } from '../history-filter-options.ts';
import { action, subscribeJobs, withCore, type CliContext, type GlobalOptions } from '../host.ts';
import { runJobWithProgress } from '../job-progress.ts';
import { ask, Interrupted, isInterrupt } from '../prompt.ts';

/** How many invalid lines a plan shows without --all-errors. */
const INVALID_LISTED = 20;

interface ReplayOptions extends FilterOptions {
  allErrors?: boolean;
  fromHistory?: boolean;
  yes?: boolean;
  allowDuplicates?: boolean;
  retryMaybeLanded?: boolean;
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
        .option('--yes', 'start without asking (needed when stdin is not a terminal; in a production account also --confirm-account NAME)')
        .option('--allow-duplicates', 'also send items that were already delivered, being sent or possibly landed, and lines that repeat an earlier line (skipped by default)')
        .option('--retry-maybe-landed', 'also retry answers that may have landed (timeout, cut connection, 500/502/504); RISK: each such retry can create a second event (off by default: they are "Outcome unknown")')
        .option('--all-errors', `list every invalid line of the plan (without it: the first ${INVALID_LISTED}, and how many more)`)
        .option('--json', 'print the plan and NDJSON progress records on stdout'),
      { customerEmail: true },
    ).action(action(context, async (file: string | undefined, options: ReplayOptions) => {
      if ((file === undefined) === !options.fromHistory) throw new UsageError('Give a file to replay, or --from-history (not both).', 'event-desk replay events.ndjson   or   event-desk replay --from-history --outcome network_error');
      const typed = options.fromHistory ? filterFrom(options, { emailLater: true }) : null;
      const global = program.opts<GlobalOptions>();
      return withCore(global, context, async (core, scope) => {
        const filter = typed && withCustomer(typed, options, scope);
        const request = { sendDuplicates: options.allowDuplicates === true, retryMaybeLanded: options.retryMaybeLanded === true, ratePerMinute: global.rate === undefined ? null : Number(global.rate) };
        const plan = filter ? await scope.replay.planHistory({ filter }, request) : await scope.replay.planFile(file!, request);
        showPlan(context, plan, options.json === true);
        if (options.allErrors && !options.json) listAllInvalid(context, scope, plan);
        if (plan.toSend === 0 && plan.job.invalid === 0) {
          // Everything was skipped as asked (already delivered): done, as the exit codes promise.
          context.terminal.info('Nothing to send.');
          scope.replay.discard(plan.job.id);
          return EXIT.ok;
        }
        if (!(await confirmStart(scope, plan, context, options, global))) return EXIT.failed;
        return runJobWithProgress(scope, plan.job.id, context, options.json === true, (listener) => subscribeJobs(context, listener));
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
  // "Plan", not "Job": a plan the user declines is discarded, and a job number they could not find
  // afterwards would mislead. It becomes job N only when it starts.
  terminal.info(`Plan ${job.id}: ${job.source}`);
  terminal.info(`  ${job.lines} ${plan.unit}${job.lines === 1 ? '' : 's'} read · ${plan.toSend} to send · ${job.invalid} invalid (never sent) · ${job.duplicates} already delivered${job.duplicates > 0 ? (job.sendDuplicates ? ' (sent again, as asked)' : ' (skipped)') : ''}`);
  if (plan.repeats > 0) terminal.info(`  ${plan.repeats} ${plan.unit}${plan.repeats === 1 ? ' repeats' : 's repeat'} an earlier ${plan.unit} (the same name, customer and data)${job.sendDuplicates ? ': sent again, as asked' : ': sent once'}.`);
  if (job.retryMaybeLanded) terminal.warn('  This job retries answers that may have landed (timeouts, cut connections, 500/502/504): each such retry can create a second event.');
  if (plan.toSend > 0) terminal.info(plan.estimatedMs < 1000 ? '  Under a second at the budget.' : `  About ${formatEta(plan.estimatedMs)} at the budget.`);
  const { blocked, warned, warnedSample } = plan.trackingPlan;
  if (blocked + warned > 0) {
    terminal.warn(`  Tracking plan: ${blocked} ${plan.unit}${blocked === 1 ? '' : 's'} blocked (invalid, never sent), ${warned} warned about (sent anyway).`);
    for (const line of warnedSample.slice(0, INVALID_LISTED)) terminal.warn(`  ${line.error} (warning: sent anyway)`);
  }
  for (const invalid of plan.invalidSample.slice(0, INVALID_LISTED)) terminal.warn(`  ${invalid.error}`);
  if (job.invalid > INVALID_LISTED) terminal.warn(`  … and ${job.invalid - INVALID_LISTED} more: add --all-errors to list them all (or, once it starts: event-desk jobs show ${job.id} --items invalid)`);
}

/** With --all-errors: the invalid lines the plan did not show, read from its journal page by page. */
function listAllInvalid(context: CliContext, scope: Scope, plan: Plan): void {
  let shown = 0;
  let after = 0;
  for (;;) {
    const page = scope.replay.items(plan.job.id, after, 500, 'invalid');
    for (const item of page) {
      // The plan's own lines are already on screen; the journal has the same ones, in the same order.
      if (shown++ < INVALID_LISTED) continue;
      context.terminal.warn(`  ${item.error ?? `${plan.unit} ${item.line}: invalid`}`);
    }
    if (page.length < 500) return;
    after = page.at(-1)!.seq;
  }
}

/**
 * Asks on a terminal unless --yes; a script without --yes is told which flag to add. A production
 * account is named and its name typed (or --yes --confirm-account NAME) instead.
 */
async function confirmStart(scope: Scope, plan: Plan, context: CliContext, options: { yes?: boolean }, global: GlobalOptions): Promise<boolean> {
  if (plan.toSend === 0) {
    context.terminal.info('Nothing to send.');
    scope.replay.discard(plan.job.id);
    return false;
  }
  try {
    if (await confirmAccount(scope, context, global, options, `send ${plan.toSend} event${plan.toSend === 1 ? '' : 's'}`)) return true;
  } catch (error) {
    scope.replay.discard(plan.job.id);
    throw error;
  }
  if (options.yes) return true;
  if (!process.stdin.isTTY || !context.terminal.interactive) {
    scope.replay.discard(plan.job.id);
    throw new UsageError('Not started: nothing is sent without a yes.', 'Add --yes to start without asking.');
  }
  let answer: string;
  try {
    answer = await ask(`Send ${plan.toSend} event${plan.toSend === 1 ? '' : 's'} now? [y/N] `);
  } catch (error) {
    // Ctrl+C at the question is a no: the plan goes, and the process exits 130 with one line.
    scope.replay.discard(plan.job.id);
    throw isInterrupt(error) ? new Interrupted(`Not started (Ctrl+C): plan ${plan.job.id} was discarded and nothing was sent.`) : error;
  }
  if (/^y(es)?$/i.test(answer.trim())) return true;
  scope.replay.discard(plan.job.id);
  context.terminal.info(`Not started: plan ${plan.job.id} was discarded and nothing was sent.`);
  return false;
}
