import type { Command } from 'commander';
import { readFile, stat } from 'node:fs/promises';
import { BODY_MAX_BYTES, checkDraft, type DraftField, type HelpCrunchEvent } from '../../shared/event.ts';
import type { HistoryEntry } from '../../shared/history.ts';
import { DuplicateError, violationLines, type Core, type Scope } from '../../main/core/index.ts';
import { read } from 'read';
import { parseInputs } from './saved.ts';
import { confirmAccount } from '../account-confirm.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { examples } from '../help.ts';
import { readStdin } from '../stdin.ts';
import { customerIdFor, isEmail } from '../customer-option.ts';
import { checkSaved, resolveSaved } from '../saved-send.ts';
import { cliEntryWords, cliFieldMessage, listed } from '../words.ts';
import { action, withCore, type CliContext, type GlobalOptions } from '../host.ts';

interface SendOptions {
  name?: string;
  customer?: string;
  data?: string;
  saved?: string;
  input: string[];
  json?: boolean;
  allowDuplicates?: boolean;
  queueIfOffline?: boolean;
  yes?: boolean;
  againstPlan?: boolean;
}

/** event-desk send: the composer's validation and send path, from a terminal. */
export function registerSend(program: Command, context: CliContext): void {
  const { terminal } = context;
  examples(
    program
      .command('send')
      .description('Send one event to a customer; recorded in the same history as the app')
      .option('--name <name>', 'event name, shown under "User Actions" in the customer\'s profile')
      .option('--customer <id|email>', "HelpCrunch customer id, or an email that matches exactly one customer; with --saved, default: the saved event's default customer")
      .option('--data <json|@file|->', 'event data: a JSON object, @path to read it from a file, or - for stdin (default {})')
      .option('--saved <title>', 'send a saved event from the library (instead of --name and --data)')
      .option('--input <key=value>', 'a value for one of the saved event\'s fields; repeat for several (an unknown key is refused)', (value: string, previous: string[] = []) => [...previous, value], [])
      .option('--json', 'print the history entry as JSON on stdout')
      .option('--allow-duplicates', 'send even if the same event (name, customer, data) was already delivered')
      .option('--yes', 'in a production account without a terminal: send, with --confirm-account NAME')
      .option('--against-plan', 'send an event the tracking plan warns about without asking, recorded in history as sent against the plan (a block still refuses)')
      .option('--queue-if-offline', 'if the event provably did not reach HelpCrunch (offline, DNS, refused, 429 or 503 after retries), keep it in the outbox instead of failing; an answer that may have landed is never queued')
      .addHelpText('after', '\nEvery problem with the input is listed at once (exit 2): nothing is sent until all are fixed.')
      .action(action(context, async (options: SendOptions) => {
        if (options.saved !== undefined && (options.name !== undefined || options.data !== undefined)) throw new UsageError('--saved takes the event name and data from the library: leave out --name and --data.');
        if (options.saved === undefined) {
          if (options.name === undefined) throw new UsageError("required option '--name <name>' not specified (or --saved <title>).", 'See event-desk send --help.');
          if (options.customer === undefined) throw new UsageError("required option '--customer <id|email>' not specified.", 'Say who the event is for: --customer 1001, or --customer ada@example.com.');
          if (options.input.length > 0) throw new UsageError('--input fills the fields of a saved event: add --saved <title>.');
        }
        const dataText = options.saved === undefined ? await readData(options.data ?? '{}') : '{}';
        const inputs = parseInputs(options.input);
        const global = program.opts<GlobalOptions>();
        return withCore(global, context, async (core, scope) => {
          // Everything checkable without a request is checked first, every problem at once; then a
          // production account is named and confirmed, before any request (an email lookup included).
          const checked = options.saved === undefined ? null : checkSaved(scope, options.saved, inputs, options.customer, terminal);
          if (checked === null) checkTyped(options, dataText);
          await confirmAccount(scope, context, global, options, 'send');
          let event: HelpCrunchEvent;
          let savedEventId: number | undefined;
          if (checked !== null) ({ event, savedEventId } = await resolveSaved(scope, checked, inputs));
          else event = await buildEvent(scope, options, dataText);
          const againstPlan = await askAboutWarning(core, event, context, options.againstPlan === true);
          const { entry, outboxId } = await sendGuarded(scope, event, { allowDuplicates: options.allowDuplicates === true, savedEventId, queue: options.queueIfOffline === true, againstPlan }, context);
          if (options.json) terminal.data(JSON.stringify({ ...entry, outboxId }));
          if (outboxId !== null) {
            terminal.warn(`${entry.message ? cliEntryWords(entry).message : 'HelpCrunch could not be reached.'} Saved to the outbox (item ${outboxId}): "event-desk outbox drain" sends it when HelpCrunch can be reached.`);
            return EXIT.ok;
          }
          report(context, entry);
          return exitCodeForSend(entry);
        });
      })),
    [
      'event-desk send --name "Call made" --customer 1001 --data \'{"minutes": 5}\'',
      'event-desk send --name "Refund issued" --customer ada@example.com --data @refund.json',
      'jq -c .data event.json | event-desk send --name "Plan upgraded" --customer 1001 --data - --json',
      'event-desk send --saved "Refund issued" --customer ada@example.com --input amount=20 --input reason=Damaged',
      'event-desk send --saved "Onboarding call" --input minutes=30   # to the saved event\'s default customer',
      'event-desk --profile Live send --name "Call made" --customer 1001 --yes --confirm-account Live   # a production account, from a script',
    ],
  );
}

/**
 * Sends, unless the same event was already delivered: then a person at a terminal is asked, and a
 * script must say --allow-duplicates (HelpCrunch would record the event twice).
 */
async function sendGuarded(
  scope: Scope,
  event: HelpCrunchEvent,
  { allowDuplicates, savedEventId, queue, againstPlan }: { allowDuplicates: boolean; savedEventId: number | undefined; queue: boolean; againstPlan: boolean },
  context: CliContext,
): Promise<{ entry: HistoryEntry; outboxId: number | null }> {
  const extra = { ...(savedEventId === undefined ? {} : { savedEventId }), ...(againstPlan ? { againstPlan: true } : {}) };
  const send = (allowDuplicate: boolean) => (queue ? scope.outbox.sendOrQueue(event, { allowDuplicate, ...extra }) : scope.sender.send(event, { allowDuplicate, ...extra }).then((entry) => ({ entry, outboxId: null })));
  try {
    return await send(allowDuplicates);
  } catch (error) {
    if (!(error instanceof DuplicateError)) throw error;
    if (!process.stdin.isTTY || !context.terminal.interactive) {
      throw new UsageError(`${error.message} Nothing was sent.`, 'Add --allow-duplicates to send it again anyway (HelpCrunch will show it twice).');
    }
    context.terminal.warn(error.message);
    const answer = await read({ prompt: 'Send it again anyway? HelpCrunch will show it twice. [y/N] ', output: process.stderr });
    if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError('Not sent.');
    return send(true);
  }
}

/**
 * What the tracking plan says, before anything is sent. A warning is printed; a person at a terminal is
 * asked (no: nothing is sent, exit 2); a script sends it, recorded as warned, unless it said
 * --against-plan, which records the override as the app's "Send against the plan" does. Returns whether
 * the send goes as a confirmed override. A block is left to the send, which refuses it with the rule's words.
 */
async function askAboutWarning(core: Core, event: HelpCrunchEvent, context: CliContext, againstPlan: boolean): Promise<boolean> {
  const check = await core.plan.checker.check(event);
  if (check.verdict !== 'warn') return false;
  const lines = violationLines(check.violations.slice(0, 5));
  const more = check.violations.length - lines.length;
  context.terminal.warn(`The tracking plan warns about "${event.name}": ${lines.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`);
  if (againstPlan) return true;
  if (!process.stdin.isTTY || !context.terminal.interactive) return false;
  const answer = await read({ prompt: 'Send it against the plan? History records that. [y/N] ', output: process.stderr });
  if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError('Not sent.', 'Fix the data to match the plan, or add --against-plan.');
  return true;
}

/** The --data value as text: inline JSON, a file's content (@path), or stdin (-). */
async function readData(option: string): Promise<string> {
  if (option === '-') {
    if (process.stdin.isTTY) throw new UsageError('--data - reads the data from stdin, but nothing is piped in.', 'Pipe a JSON object in, or give it inline: --data \'{"plan": "pro"}\'.');
    return readStdin(BODY_MAX_BYTES * 4, `The data on stdin is larger than the ${BODY_MAX_BYTES / 1024} KiB a request may carry.`);
  }
  if (!option.startsWith('@')) return option;
  const path = option.slice(1);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`--data ${option}: ${path} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: string }).code;
    throw new UsageError(code === 'ENOENT' ? `--data ${option}: there is no file ${path}.` : `--data ${option}: ${path} cannot be read (${code ?? (error as Error).message}).`);
  }
  if (size > BODY_MAX_BYTES * 4) throw new UsageError(`--data ${option}: the file is larger than the ${BODY_MAX_BYTES / 1024} KiB a request may carry.`);
  return readFile(path, 'utf8');
}

/** The composer's checks, every field at once, in the CLI's words (an email is looked up later). */
function checkTyped(options: SendOptions, dataText: string): void {
  const typed = options.customer ?? '';
  const check = checkDraft({ name: options.name ?? '', customer: isEmail(typed) ? '1' : typed, data: dataText });
  if (check.ok) return;
  throw new UsageError(listed('The event cannot be sent as given', draftProblems(check.errors, { name: options.name ?? '', customer: typed, data: dataText })), 'Nothing was sent.');
}

/** Each field's message in the CLI's words, worded from what was typed in that field. */
function draftProblems(errors: Partial<Record<DraftField, string>>, typed: Record<DraftField, string>): string[] {
  return (Object.entries(errors) as [DraftField, string][]).map(([field, message]) => cliFieldMessage(field, typed[field], message));
}

/** The checked draft as the event to send; an email is resolved to exactly one customer. */
async function buildEvent(scope: Scope, options: SendOptions, dataText: string): Promise<HelpCrunchEvent> {
  const customer = await customerIdFor(scope, options.customer ?? '');
  const check = checkDraft({ name: options.name ?? '', customer: String(customer), data: dataText });
  if (!check.ok) throw new UsageError(listed('The event cannot be sent as given', draftProblems(check.errors, { name: options.name ?? '', customer: String(customer), data: dataText })), 'Nothing was sent.');
  return check.event;
}

/** The outcome in the app's words, on stderr (stdout is for --json). */
function report({ terminal, keySource }: CliContext, entry: HistoryEntry): void {
  if (entry.outcome === 'sent') {
    terminal.success(`Sent: "${entry.request.name}" to customer ${entry.request.customer} as event #${entry.eventId} (history entry ${entry.id}).`);
    return;
  }
  const { message, hint } = cliEntryWords(entry, keySource);
  terminal.error(message, hint ?? `History entry ${entry.id} keeps the request and the answer: event-desk history --limit 1`);
}

/** The exit code for a finished send, from its disposition (decided once in main, never re-derived here). */
function exitCodeForSend(entry: HistoryEntry): number {
  if (entry.disposition === 'delivered') return EXIT.ok;
  if (entry.disposition === 'maybe-landed') return EXIT.unknown;
  return entry.outcome === 'unauthorized' ? EXIT.key : EXIT.failed;
}
