import { InvalidArgumentError, Option, type Command } from 'commander';
import { asCustomerId } from '../shared/customer.ts';
import { historyFilterSchema, outcomeClassSchema, type HistoryFilter, type OutcomeClass } from '../shared/history.ts';
import { firstMessage } from '../shared/event.ts';
import { UsageError } from './exit-codes.ts';

export interface FilterOptions {
  text?: string;
  outcome?: OutcomeClass[];
  name?: string;
  customer?: string;
  since?: string;
  until?: string;
}

/** The history filters, the same ones the History view offers. */
export function addFilterOptions(command: Command): Command {
  return command
    .option('--text <words>', 'full-text search over name, data, response and error text')
    .addOption(
      new Option('--outcome <group>', `outcome group; repeat for several (${outcomeClassSchema.options.join(', ')})`).argParser((value: string, previous: string[] = []) => {
        if (!(outcomeClassSchema.options as readonly string[]).includes(value)) throw new InvalidArgumentError(`Allowed choices are ${outcomeClassSchema.options.join(', ')}.`);
        return [...previous, value];
      }),
    )
    .option('--name <event>', 'exact event name')
    .option('--customer <id>', 'customer id')
    .option('--since <date>', 'from this day (YYYY-MM-DD, local time) or moment (ISO 8601)')
    .option('--until <date>', 'up to the end of this day (YYYY-MM-DD) or this moment (ISO 8601)');
}

/** The flags as a history filter, checked by the contract's own schema. */
export function filterFrom(options: FilterOptions): HistoryFilter {
  const customer = options.customer === undefined ? null : asCustomerId(options.customer);
  if (options.customer !== undefined && customer === null) throw new UsageError(`--customer ${options.customer}: a customer id is a whole number, like 1001.`);
  const parsed = historyFilterSchema.safeParse({
    text: options.text ?? null,
    outcomes: options.outcome ?? [],
    name: options.name ?? null,
    customer,
    from: options.since === undefined ? null : moment(options.since, false, '--since'),
    to: options.until === undefined ? null : moment(options.until, true, '--until'),
  });
  if (!parsed.success) throw new UsageError(firstMessage(parsed.error));
  return parsed.data;
}

/** A day (local midnight, or the day's last millisecond for an end) or an ISO 8601 moment. */
function moment(text: string, end: boolean, flag: string): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const value = end ? new Date(year, month - 1, date + 1).getTime() - 1 : new Date(year, month - 1, date).getTime();
    if (new Date(year, month - 1, date).getDate() === date) return value;
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(text) && Number.isFinite(Date.parse(text))) {
    return Date.parse(text);
  }
  throw new UsageError(`${flag} ${text}: give a date as YYYY-MM-DD (like 2026-11-25) or an ISO 8601 moment (like 2026-11-25T14:30:00Z).`);
}
