import { customerLabel } from '../shared/customer.ts';
import { customerIdTextSchema, firstMessage } from '../shared/event.ts';
import type { Scope } from '../main/core/index.ts';
import { UsageError } from './exit-codes.ts';
import { cliFieldMessage } from './words.ts';

/** `--customer` holds an email (resolved to one customer) rather than an id. */
export function isEmail(typed: string): boolean {
  return typed.trim().includes('@');
}

/**
 * What is wrong with `--customer` as typed, in the CLI's words, or null. An email is checked when
 * it is looked up (it needs HelpCrunch); an id is checked here with the composer's own rules.
 */
export function customerProblem(typed: string): string | null {
  if (isEmail(typed)) return null;
  const parsed = customerIdTextSchema.safeParse(typed);
  return parsed.success ? null : cliFieldMessage('customer', typed, firstMessage(parsed.error));
}

/**
 * The customer id `--customer` names: an id as typed, or the one HelpCrunch customer whose email it
 * is (case-insensitive). None or several: exit 2, the matches listed, nothing sent.
 */
export async function customerIdFor(scope: Scope, typed: string): Promise<number> {
  const text = typed.trim();
  const problem = customerProblem(text);
  if (problem) throw new UsageError(problem);
  if (!isEmail(text)) return Number(text);
  const matches = await scope.customers.findByEmail(text);
  if (matches.length === 0) throw new UsageError(`No HelpCrunch customer has the email ${text}.`, 'Check the address, or give the customer id: --customer 1001.');
  if (matches.length > 1) {
    const listed = matches.map((match) => `  ${match.id}  ${customerLabel(match)}`).join('\n');
    throw new UsageError(`${matches.length} customers have the email ${text}; nothing was sent:\n${listed}`, 'Give the one you mean by id: --customer <id>.');
  }
  return matches[0]!.id;
}
