import { InvalidArgumentError, Option, type Command } from 'commander';
import { asCustomerId } from '../shared/customer.ts';
import { historyFilterSchema, outcomeClassSchema, type HistoryFilter, type OutcomeClass } from '../shared/history.ts';
import { firstMessage } from '../shared/event.ts';
import type { Scope } from '../main/core/index.ts';
import { isEmail } from './customer-option.ts';
import { UsageError } from './exit-codes.ts';
import { knownCustomerId } from './known-customers.ts';

export interface FilterOptions {
  text?: string;
  outcome?: OutcomeClass[];
  name?: string;
  customer?: string;
  since?: string;
  until?: string;
}

/**
 * The history filters, the same ones the History view offers. With `customerEmail`, --customer
 * also takes an email (the command resolves it with `withCustomer` once the core is open).
 */
export function addFilterOptions(command: Command, options: { customerEmail?: boolean } = {}): Command {
  return command
    .option('--text <words>', 'full-text search over name, data, response and error text')
    .addOption(
      new Option('--outcome <group>', `outcome group; repeat for several (${outcomeClassSchema.options.join(', ')})`).argParser((value: string, previous: string[] = []) => {
        if (!(outcomeClassSchema.options as readonly string[]).includes(value)) throw new InvalidArgumentError(`Allowed choices are ${outcomeClassSchema.options.join(', ')}.`);
        return [...previous, value];
      }),
    )
    .option('--name <event>', 'exact event name')
    .option(options.customerEmail ? '--customer <id|email>' : '--customer <id>', options.customerEmail ? 'customer id, or the email of a customer this account knows (from searches and sends by email)' : 'customer id')
    .option('--since <date>', 'from this day (YYYY-MM-DD, local time) or moment (ISO 8601)')
    .option('--until <date>', 'up to the end of this day (YYYY-MM-DD) or this moment (ISO 8601)');
}

/**
 * The flags as a history filter, checked by the contract's own schema. An email in --customer is
 * refused unless `emailLater` (the command then calls `withCustomer`): dropping it would widen the
 * filter to every customer.
 */
export function filterFrom(options: FilterOptions, { emailLater = false }: { emailLater?: boolean } = {}): HistoryFilter {
  const email = options.customer !== undefined && isEmail(options.customer);
  if (email && !emailLater) throw new UsageError(`--customer ${options.customer}: give the customer id here, like 1001.`, `event-desk history --customer ${options.customer?.trim()} --limit 1 shows it.`);
  const customer = options.customer === undefined || email ? null : asCustomerId(options.customer);
  if (options.customer !== undefined && !email && customer === null) throw new UsageError(`--customer ${options.customer}: a customer id is a whole number, like 1001${emailLater ? ', or give their email' : ''}.`);
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

/** The filter with an email in --customer resolved to the one customer this account knows by it (exit 2 otherwise). */
export function withCustomer(filter: HistoryFilter, options: FilterOptions, scope: Scope): HistoryFilter {
  if (options.customer === undefined || !isEmail(options.customer)) return filter;
  return { ...filter, customer: knownCustomerId(scope, options.customer) };
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
