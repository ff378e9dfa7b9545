import { z } from 'zod';
import { nestedDeeperThan, TOO_DEEP } from './nesting.ts';

/** HelpCrunch does not document limits; these keep requests sane and are stated to the user. */
export const NAME_MAX_LENGTH = 255;
export const BODY_MAX_BYTES = 64 * 1024;

export const eventNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter an event name.')
  .max(NAME_MAX_LENGTH, `Keep the event name to ${NAME_MAX_LENGTH} characters or fewer.`);

export const customerIdSchema = z
  .number({ error: 'The customer id must be a number.' })
  .int('The customer id must be a whole number.')
  .positive('The customer id must be greater than zero.')
  .max(Number.MAX_SAFE_INTEGER, 'That customer id is too large to be a HelpCrunch id.');

/** The customer field as typed: digits only, so "1e3", "12.5", "-3" and " " are all refused. */
export const customerIdTextSchema = z
  .string()
  .trim()
  .min(1, 'Choose a customer: search by name or email, or type their id.')
  .superRefine((text, context) => {
    // One message at a time: later checks assume the earlier ones passed.
    if (text === '') return;
    if (!/^\d+$/.test(text)) return void context.addIssue('Pick a customer from the list, or type their numeric HelpCrunch id (digits only).');
    if (!/^[1-9]/.test(text)) return void context.addIssue('The customer id must be greater than zero.');
    if (BigInt(text) > BigInt(Number.MAX_SAFE_INTEGER)) context.addIssue('That customer id is too large to be a HelpCrunch id.');
  })
  .transform(Number)
  .pipe(customerIdSchema);

export const eventDataSchema = z.record(z.string(), z.unknown(), {
  error: 'Data must be a JSON object, like {"plan": "pro"}.',
});

/** The event as sent to POST /v1/events; main parses every renderer request with it. */
export const eventSchema = z
  .object({ name: eventNameSchema, customer: customerIdSchema, data: eventDataSchema })
  // Checked first, with its own stack: the size check below walks the value recursively.
  .refine((event) => !nestedDeeperThan(event.data), { message: `The data is ${TOO_DEEP}.`, path: ['data'], abort: true })
  .refine((event) => bodyBytes(event) <= BODY_MAX_BYTES, {
    message: `The request body is larger than ${BODY_MAX_BYTES / 1024} KiB. Remove some data.`,
    path: ['data'],
  });

export type HelpCrunchEvent = z.infer<typeof eventSchema>;

export function bodyBytes(event: { name: string; customer: number; data: unknown }): number {
  return new TextEncoder().encode(JSON.stringify(event)).length;
}

/** What the composer holds: the raw text of each field. */
export interface EventDraft {
  name: string;
  customer: string;
  data: string;
}

export type DraftField = 'name' | 'customer' | 'data';

export type DraftCheck =
  | { ok: true; event: HelpCrunchEvent; bytes: number }
  | { ok: false; errors: Partial<Record<DraftField, string>> };

/** Parses the data text; the message names the line and column where JSON breaks. */
export function parseDataText(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: false, message: 'Data must be a JSON object; use {} for none.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Data is not valid JSON: ${describeJsonError(text, error)}` };
  }
  const parsed = eventDataSchema.safeParse(value);
  if (!parsed.success || Array.isArray(value)) {
    return { ok: false, message: `Data must be a JSON object, like {"plan": "pro"}, not ${describeJsonType(value)}.` };
  }
  return { ok: true, value: parsed.data };
}

/** Checks every field of a draft at once, giving one message per field. */
export function checkDraft(draft: EventDraft): DraftCheck {
  const errors: Partial<Record<DraftField, string>> = {};
  const name = eventNameSchema.safeParse(draft.name);
  if (!name.success) errors.name = firstMessage(name.error);
  const customer = customerIdTextSchema.safeParse(draft.customer);
  if (!customer.success) errors.customer = firstMessage(customer.error);
  const data = parseDataText(draft.data);
  if (!data.ok) errors.data = data.message;
  if (!name.success || !customer.success || !data.ok) return { ok: false, errors };
  const event = eventSchema.safeParse({ name: name.data, customer: customer.data, data: data.value });
  if (!event.success) return { ok: false, errors: { data: firstMessage(event.error) } };
  return { ok: true, event: event.data, bytes: bodyBytes(event.data) };
}

export function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'This value is not valid.';
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (position?.[1] === undefined) return message.replace(/^JSON\.parse: /, '');
  const offset = Number(position[1]);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  const reason = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  return `${reason} (line ${line}, column ${column}).`;
}
