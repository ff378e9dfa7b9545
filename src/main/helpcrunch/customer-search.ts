import { asCustomerId, CUSTOMER_TEXT_MAX, customerSchema, LAST_SEEN_MAX, type Customer, type CustomerPage } from '../../shared/customer.ts';
import { createdAtMs } from './response-body.ts';

export const PICKER_PAGE_SIZE = 10;

/**
 * The documented picker query: name or email contains the text, userId equals it, and id equals
 * it when it is a whole number (a text value for customers.id makes HelpCrunch fail the query).
 * Most recently seen first.
 */
export function buildSearchRequest(query: string, limit = PICKER_PAGE_SIZE) {
  const text = query.trim();
  const filter: { field: string; operator: string; value: string | number }[] = [
    { field: 'customers.name', operator: '~', value: text },
    { field: 'customers.email', operator: '~', value: text },
    { field: 'customers.userId', operator: '=', value: text },
  ];
  const id = asCustomerId(text);
  if (id !== null) filter.push({ field: 'customers.id', operator: '=', value: id });
  return { filter, comparison: 'OR' as const, limit, offset: 0, sort: 'customers.lastSeen', order: 'desc' as const };
}

/**
 * Reads a search or list answer defensively: `{data: [...], total}` (documented for the list
 * endpoint) or a bare array; ids as numbers or numeric strings; timestamps as UNIX seconds in
 * either form; anything unreadable is skipped rather than failing the whole page.
 */
export function parseCustomerPage(body: unknown): CustomerPage | null {
  const list = Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(list)) return null;
  const customers = list.map(parseCustomer).filter((customer): customer is Customer => customer !== null);
  const total = (body as { total?: unknown } | null)?.total;
  return { customers, total: typeof total === 'number' ? total : typeof total === 'string' && /^\d+$/.test(total) ? Number(total) : null };
}

export function parseCustomer(raw: unknown): Customer | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const record = raw as Record<string, unknown>;
  const id = typeof record.id === 'number' ? record.id : typeof record.id === 'string' ? asCustomerId(record.id) : null;
  const parsed = customerSchema.safeParse({
    id,
    name: optionalText(record.name),
    email: optionalText(record.email),
    userId: optionalText(record.userId),
    company: optionalText(record.company),
    lastSeen: saneTime(createdAtMs(record.lastSeen)),
  });
  return parsed.success ? parsed.data : null;
}

function optionalText(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.slice(0, CUSTOMER_TEXT_MAX) : null;
}

/** A time the picker can show; anything else (negative, fractional, far future) is "never seen". */
function saneTime(ms: number | null): number | null {
  return ms !== null && Number.isInteger(ms) && ms >= 0 && ms <= LAST_SEEN_MAX ? ms : null;
}
