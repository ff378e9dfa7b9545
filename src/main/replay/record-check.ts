import { BODY_MAX_BYTES, customerIdTextSchema, eventSchema, firstMessage, NAME_MAX_LENGTH, type HelpCrunchEvent } from '../../shared/event.ts';
import { deeperThan } from './sources/depth.ts';

/** A checked record: the event, and its data as the JSON text the journal stores. */
export interface CheckedEvent {
  event: HelpCrunchEvent;
  dataJson: string;
}

/**
 * A raw record as an event the composer would accept, or the field and the composer's message.
 * Customer ids may be numbers or digit strings (CSV cells are text).
 */
export function checkRecord(raw: unknown): CheckedEvent | { problem: string } {
  return plainEvent(raw) ?? checkRecordBySchema(raw);
}

/**
 * The common case without zod: a record whose every field is plainly valid, decided with the very
 * rules of eventSchema (a replay plan checks a million lines; the schema costs several µs each).
 * Anything it is not sure of — every invalid record, a `__proto__` or `constructor` key in data, a
 * customer written with 16 digits — returns null and goes through the schema, which has the words.
 */
function plainEvent(raw: unknown): CheckedEvent | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const record = raw as Record<string, unknown>;
  if (typeof record.name !== 'string') return null;
  const name = record.name.trim();
  if (name.length === 0 || name.length > NAME_MAX_LENGTH) return null;
  const customer = plainCustomer(record.customer);
  if (customer === null) return null;
  const data = record.data ?? {};
  // What z.record accepts and copies key for key: a plain object. Without `__proto__` (the schema
  // drops it) or `constructor` (it decides plainness) its copy is the same keys in the same order.
  if (typeof data !== 'object' || Array.isArray(data) || Object.getPrototypeOf(data) !== Object.prototype) return null;
  if (Object.hasOwn(data, '__proto__') || Object.hasOwn(data, 'constructor')) return null;
  if (deeperThan(data)) return null;
  const dataJson = JSON.stringify(data);
  if (bodyOver(name, customer, dataJson)) return null;
  return { event: { name, customer, data: data as Record<string, unknown> }, dataJson };
}

/**
 * bodyBytes({name, customer, data}) > BODY_MAX_BYTES without encoding the body: JSON.stringify of
 * the event is `{"name":` + JSON of the name + `,"customer":` + the id + `,"data":` + the data's JSON
 * + `}`. A UTF-16 unit is at most 3 bytes of UTF-8 and its JSON escape at most 6 characters, so a
 * body far under the limit is known without counting its bytes.
 */
function bodyOver(name: string, customer: number, dataJson: string): boolean {
  const fixed = 29 + String(customer).length;
  if (fixed + 6 * name.length + 2 + 3 * dataJson.length <= BODY_MAX_BYTES) return false;
  return fixed + Buffer.byteLength(JSON.stringify(name)) + Buffer.byteLength(dataJson) > BODY_MAX_BYTES;
}

/** A customer id the schema would take as is: a positive safe integer, or up to 15 digits as text. */
function plainCustomer(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text.length <= 15 && /^[1-9]\d*$/.test(text) ? Number(text) : null;
}

/** checkRecord through the composer's schema alone: what the fast path must always agree with. */
export function checkRecordBySchema(raw: unknown): CheckedEvent | { problem: string } {
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
  return { event: parsed.data, dataJson: JSON.stringify(parsed.data.data) };
}
