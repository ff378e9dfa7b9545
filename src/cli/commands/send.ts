import type { Command } from 'commander';
import { readFile, stat } from 'node:fs/promises';
import { customerLabel } from '../../shared/customer.ts';
import { BODY_MAX_BYTES, checkDraft, type HelpCrunchEvent } from '../../shared/event.ts';
import type { HistoryEntry } from '../../shared/history.ts';
import { DuplicateError, type Scope } from '../../main/core/index.ts';
import { read } from 'read';
import { parseInputs } from './saved.ts';
import { confirmAccount } from '../account-confirm.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { examples } from '../help.ts';
import { readStdin } from '../stdin.ts';
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
}

/** event-desk send: the composer's validation and send path, from a terminal. */
export function registerSend(program: Command, context: CliContext): void {
  const { terminal } = context;
  examples(
    program
      .command('send')
      .description('Send one event to a customer; recorded in the same history as the app')
      .option('--name <name>', 'event name, shown under "User Actions" in the customer\'s profile')
      .requiredOption('--customer <id|email>', "HelpCrunch customer id, or an email that matches exactly one customer")
      .option('--data <json|@file|->', 'event data: a JSON object, @path to read it from a file, or - for stdin (default {})')
      .option('--saved <title>', 'send a saved event from the library (instead of --name and --data)')
      .option('--input <key=value>', 'a value for the saved event\'s field; repeat for several', (value: string, previous: string[] = []) => [...previous, value], [])
      .option('--json', 'print the history entry as JSON on stdout')
      .option('--allow-duplicates', 'send even if the same event (name, customer, data) was already delivered')
      .option('--yes', 'in a production account without a terminal: send, with --confirm-account NAME')
      .option('--queue-if-offline', 'if the event provably did not reach HelpCrunch (offline, DNS, refused, 429 or 503 after retries), keep it in the outbox instead of failing; an answer that may have landed is never queued')
      .action(action(context, async (options: SendOptions) => {
        if (options.saved !== undefined && (options.name !== undefined || options.data !== undefined)) throw new UsageError('--saved takes the event name and data from the library: leave out --name and --data.');
        if (options.saved === undefined && options.name === undefined) throw new UsageError("required option '--name <name>' not specified (or --saved <title>).", 'See event-desk send --help.');
        if (options.saved === undefined && options.input.length > 0) throw new UsageError('--input fills the fields of a saved event: add --saved <title>.');
        const dataText = options.saved === undefined ? await readData(options.data ?? '{}') : '{}';
        const inputs = parseInputs(options.input);
        const global = program.opts<GlobalOptions>();
        return withCore(global, context, async (_core, scope) => {
          // A production account is named, and confirmed, before any request (an email lookup included).
          await confirmAccount(scope, context, global, options, 'send');
          let event: HelpCrunchEvent;
          let savedEventId: number | undefined;
          if (options.saved !== undefined) {
            const saved = scope.library.find(options.saved);
            const customer = (await buildEvent(scope, { ...options, name: saved.name }, '{}')).customer;
            ({ event } = await scope.library.resolve(saved.id, customer, inputs));
            savedEventId = saved.id;
          } else event = await buildEvent(scope, options, dataText);
          const { entry, outboxId } = await sendGuarded(scope, event, options.allowDuplicates === true, context, savedEventId, options.queueIfOffline === true);
          if (options.json) terminal.data(JSON.stringify({ ...entry, outboxId }));
          if (outboxId !== null) {
            terminal.warn(`${entry.message ?? 'HelpCrunch could not be reached.'} Saved to the outbox (item ${outboxId}): "event-desk outbox drain" sends it when HelpCrunch can be reached.`);
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
      'event-desk --profile Live send --name "Call made" --customer 1001 --yes --confirm-account Live   # a production account, from a script',
    ],
  );
}

/**
 * Sends, unless the same event was already delivered: then a person at a terminal is asked, and a
 * script must say --allow-duplicates (HelpCrunch would record the event twice).
 */
async function sendGuarded(scope: Scope, event: HelpCrunchEvent, allowDuplicates: boolean, context: CliContext, savedEventId: number | undefined, queue: boolean): Promise<{ entry: HistoryEntry; outboxId: number | null }> {
  const saved = savedEventId === undefined ? {} : { savedEventId };
  const send = (allowDuplicate: boolean) => (queue ? scope.outbox.sendOrQueue(event, { allowDuplicate, ...saved }) : scope.sender.send(event, { allowDuplicate, ...saved }).then((entry) => ({ entry, outboxId: null })));
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

/** The composer's checks with the composer's words; an email is resolved to exactly one customer. */
async function buildEvent(scope: Scope, options: SendOptions, dataText: string): Promise<HelpCrunchEvent> {
  const typed = (options.customer ?? '').trim();
  let customer = typed;
  if (typed.includes('@')) {
    const check = checkDraft({ name: options.name ?? '', customer: '1', data: dataText });
    if (!check.ok) throw new UsageError(Object.entries(check.errors).map(([field, message]) => `--${field}: ${message}`).join('\n'));
    const matches = await scope.customers.findByEmail(typed);
    if (matches.length === 0) throw new UsageError(`No HelpCrunch customer has the email ${typed}.`, 'Check the address, or give the customer id: --customer 1001.');
    if (matches.length > 1) {
      const listed = matches.map((match) => `  ${match.id}  ${customerLabel(match)}`).join('\n');
      throw new UsageError(`${matches.length} customers have the email ${typed}; nothing was sent:\n${listed}`, 'Give the one you mean by id: --customer <id>.');
    }
    customer = String(matches[0]!.id);
  }
  const check = checkDraft({ name: options.name ?? '', customer, data: dataText });
  if (!check.ok) throw new UsageError(Object.entries(check.errors).map(([field, message]) => `--${field}: ${message}`).join('\n'), 'Nothing was sent.');
  return check.event;
}

/** The outcome in the app's words, on stderr (stdout is for --json). */
function report({ terminal }: CliContext, entry: HistoryEntry): void {
  if (entry.outcome === 'sent') {
    terminal.success(`Sent: "${entry.request.name}" to customer ${entry.request.customer} as event #${entry.eventId} (history entry ${entry.id}).`);
    return;
  }
  terminal.error(entry.message ?? `The send ended as ${entry.outcome}.`, `History entry ${entry.id} keeps the request and the answer: event-desk history --limit 1`);
}

/** The exit code for a finished send, from its disposition (decided once in main, never re-derived here). */
function exitCodeForSend(entry: HistoryEntry): number {
  if (entry.disposition === 'delivered') return EXIT.ok;
  if (entry.disposition === 'maybe-landed') return EXIT.unknown;
  return entry.outcome === 'unauthorized' ? EXIT.key : EXIT.failed;
}
