import { customerLabel } from '../shared/customer.ts';
import type { Scope } from '../main/core/index.ts';
import { UsageError } from './exit-codes.ts';

interface Known {
  id: number;
  name: string | null;
  email: string | null;
}

/**
 * The customer id behind an email, from what this account already knows (no request): History
 * shows names and emails from the same table (known_customers), which searches, picks and sends by
 * email fill. None or several: exit 2, the matches listed.
 */
export function knownCustomerId(scope: Scope, email: string): number {
  const found = new Map<number, Known>();
  for (const customer of scope.customers.knownByEmail(email)) found.set(customer.id, customer);
  const matches = [...found.values()];
  if (matches.length === 0) {
    throw new UsageError(`No customer with the email ${email.trim()} is known in this account.`, 'Event Desk learns emails from searches and sends by email; give the customer id instead: --customer 1001.');
  }
  if (matches.length > 1) {
    const lines = matches.map((match) => `  ${match.id}  ${customerLabel({ ...match, userId: null })}`).join('\n');
    throw new UsageError(`${matches.length} customers have the email ${email.trim()}:\n${lines}`, 'Give the one you mean by id: --customer <id>.');
  }
  return matches[0]!.id;
}
