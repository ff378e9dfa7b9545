import { customerIdTextSchema, eventSchema, firstMessage, type HelpCrunchEvent } from '../../shared/event.ts';

/**
 * A raw record as an event the composer would accept, or the field and the composer's message.
 * Customer ids may be numbers or digit strings (CSV cells are text).
 */
export function checkRecord(raw: unknown): { event: HelpCrunchEvent } | { problem: string } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { problem: 'expected an object with name, data and customer' };
  const record = raw as Record<string, unknown>;
  let customer: unknown = record.customer;
  if (typeof customer === 'string') {
    const parsed = customerIdTextSchema.safeParse(customer);
    // The composer's words mention its picker; in a file, say what the cell must hold.
    if (!parsed.success) return { problem: `customer: ${firstMessage(parsed.error).replace(/^Pick a customer from the list, or type their numeric HelpCrunch id \(digits only\)\.$/, 'a HelpCrunch customer id is a whole number (digits only), like 1001.')}` };
    customer = parsed.data;
  }
  if (customer === undefined) return { problem: 'customer: missing' };
  if (record.name === undefined) return { problem: 'name: missing' };
  const parsed = eventSchema.safeParse({ name: record.name, customer, data: record.data ?? {} });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] ?? 'event';
    return { problem: `${String(field)}: ${firstMessage(parsed.error)}` };
  }
  if (Array.isArray(record.data)) return { problem: 'data: Data must be a JSON object, like {"plan": "pro"}, not an array.' };
  return { event: parsed.data };
}
