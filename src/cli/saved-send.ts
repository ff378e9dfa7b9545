import { randomUUID } from 'node:crypto';
import type { HelpCrunchEvent } from '../shared/event.ts';
import type { SavedEvent } from '../shared/saved-events.ts';
import { inputValue, resolveTemplate } from '../shared/template.ts';
import { Failure, type Scope } from '../main/core/index.ts';
import { customerIdFor, customerProblem } from './customer-option.ts';
import { UsageError } from './exit-codes.ts';
import type { Terminal } from './terminal.ts';
import { cliInputMessage, listed } from './words.ts';

/** A saved event checked against what was typed, before the production question and any request. */
export interface CheckedSaved {
  saved: SavedEvent;
  /** --customer, or the saved event's default customer. */
  customer: string;
}

/**
 * Everything about `send --saved` that needs no request, every problem at once: the title, each
 * --input key (an unknown one is refused, naming the fields there are), each field's value, and
 * the customer (--customer, else the saved event's default).
 */
export function checkSaved(scope: Scope, title: string, inputs: Record<string, string>, customer: string | undefined, terminal: Terminal): CheckedSaved {
  const saved = scope.library.find(title);
  const keys = saved.fields.map((field) => field.key);
  const problems: string[] = [];
  for (const key of Object.keys(inputs)) {
    if (!keys.includes(key)) problems.push(cliInputMessage(key, `"${saved.title}" has no field "${key}". ${keys.length ? `Its fields: ${keys.join(', ')}.` : 'It has no fields: leave out --input.'}`));
  }
  for (const field of saved.fields) {
    const typed = inputValue(field, inputs[field.key]);
    if ('problem' in typed) problems.push(cliInputMessage(field.key, typed.problem));
  }
  const chosen = customer ?? (saved.defaultCustomer === null ? undefined : String(saved.defaultCustomer));
  if (chosen === undefined) problems.push(`--customer: "${saved.title}" has no default customer: say who it is for with --customer <id|email>.`);
  else {
    const problem = customerProblem(chosen);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new UsageError(listed(`"${saved.title}" cannot be sent as given`, problems), fieldsHint(saved));
  if (customer === undefined) terminal.info(`Customer ${chosen}: the default customer of "${saved.title}".`);
  return { saved, customer: chosen! };
}

/**
 * The event a checked saved event makes, resolved by the core from the stored template. When the
 * core refuses it (it names only the first problem), every problem is listed: the same shared
 * template rules, run here with the same customer, find them all.
 */
export async function resolveSaved(scope: Scope, checked: CheckedSaved, inputs: Record<string, string>): Promise<{ event: HelpCrunchEvent; savedEventId: number }> {
  const { saved } = checked;
  const customerId = await customerIdFor(scope, checked.customer);
  try {
    const { event } = await scope.library.resolve(saved.id, customerId, inputs);
    return { event, savedEventId: saved.id };
  } catch (error) {
    if (!(error instanceof Failure) || error.code !== 'invalid_input') throw error;
    const customer = await scope.customers.lookup(customerId);
    const result = resolveTemplate(saved.template, saved.fields, { now: new Date(), uuid: randomUUID, customer, inputs });
    if (result.ok) throw error;
    const problems = result.problems.map((problem) => (problem.path.startsWith('input.') ? cliInputMessage(problem.path.slice('input.'.length), problem.message) : `${problem.path ? `${problem.path}: ` : ''}${problem.message}`));
    throw new UsageError(listed(`"${saved.title}" cannot be sent for customer ${customerId}`, problems), fieldsHint(saved));
  }
}

/** Where the fields are listed, and how to give them. */
function fieldsHint(saved: SavedEvent): string {
  const example = saved.fields[0] ? ` --input ${saved.fields[0].key}=…` : '';
  return `Give each field as --input key=value${example}; event-desk saved show "${saved.title}" lists them. Nothing was sent.`;
}
