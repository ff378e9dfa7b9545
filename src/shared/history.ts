import { z } from 'zod';

/**
 * Where a send ended. "sending" is written before the request leaves; a row still "sending"
 * when the app starts again becomes "unknown": it may or may not have reached HelpCrunch.
 */
export const outcomeSchema = z.enum([
  'sending',
  'sent',
  'rejected',
  'unauthorized',
  'not_found',
  'rate_limited',
  'server_error',
  'network_error',
  'timeout',
  'unexpected_response',
  'unknown',
]);

export type Outcome = z.infer<typeof outcomeSchema>;

/**
 * What an outcome means for the first rule (an intended event lands at most once), decided once in
 * main (helpcrunch/disposition.ts) and stored with the history row:
 * - delivered: HelpCrunch created the event;
 * - rejected: HelpCrunch (or Event Desk, before sending) refused it: it did not land;
 * - not-sent: it provably never reached HelpCrunch (429, 503, no connection): safe to send again;
 * - maybe-landed: it may have been created (timeout, cut connection, 500/502/504, an unreadable
 *   answer): "Outcome unknown", never resent on its own.
 * Null while the send is in flight.
 */
export const dispositionSchema = z.enum(['delivered', 'rejected', 'not-sent', 'maybe-landed']);
export type Disposition = z.infer<typeof dispositionSchema>;

export const apiErrorItemSchema = z.object({ code: z.string(), message: z.string() });
export type ApiErrorItem = z.infer<typeof apiErrorItemSchema>;

export const historyEntrySchema = z.object({
  id: z.number().int(),
  profile: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  outcome: outcomeSchema,
  disposition: dispositionSchema.nullable().default(null),
  request: z.object({ name: z.string(), customer: z.number(), data: z.record(z.string(), z.unknown()) }),
  httpStatus: z.number().nullable(),
  responseBody: z.string().nullable(),
  /** A sentence saying what happened, for every outcome but "sent". */
  message: z.string().nullable(),
  errors: z.array(apiErrorItemSchema),
  eventId: z.number().nullable(),
  /** When HelpCrunch says the event was created, in milliseconds since the epoch. */
  eventCreatedAt: z.number().nullable(),
  attempts: z.number().int(),
  durationMs: z.number().nullable(),
  /** Who the customer is, when Event Desk has seen them in a search; the id is always in request. */
  customerName: z.string().nullable().default(null),
  customerEmail: z.string().nullable().default(null),
  /** Set when the stored row is damaged (crafted or corrupt): it is shown as an unreadable entry, and only it. */
  unreadable: z.string().nullable().default(null),
  /** The saved event this send was made from, if any. */
  savedEventId: z.number().int().nullable().default(null),
  /**
   * This attempt provably did not reach HelpCrunch and its event went to the outbox: `waiting` (it
   * will be sent by itself, so nobody should send it again) or `delivered` (the outbox sent it later).
   */
  outbox: z.enum(['waiting', 'delivered']).nullable().default(null),
});

export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** The outcome groups the history filter offers. */
export const outcomeClassSchema = z.enum(['sent', 'outbox', 'rejected', 'rate_limited', 'server_error', 'network_error', 'unknown']);
export type OutcomeClass = z.infer<typeof outcomeClassSchema>;

export const OUTCOME_CLASSES: Record<OutcomeClass, { label: string; outcomes: Outcome[] }> = {
  sent: { label: 'Sent', outcomes: ['sent'] },
  // Not an outcome of its own: attempts whose event waits in the outbox (matched through the outbox).
  outbox: { label: 'In the outbox', outcomes: [] },
  rejected: { label: 'Rejected (4xx)', outcomes: ['rejected', 'unauthorized', 'not_found'] },
  rate_limited: { label: 'Rate limited', outcomes: ['rate_limited'] },
  server_error: { label: 'Server error', outcomes: ['server_error'] },
  network_error: { label: 'Network error', outcomes: ['network_error', 'timeout'] },
  unknown: { label: 'Outcome unknown', outcomes: ['unknown', 'unexpected_response', 'sending'] },
};

export const HISTORY_TEXT_MAX = 200;
/** The longest customer name or email the history filter takes (a search box, not a document). */
export const HISTORY_CUSTOMER_MAX = 200;
const OUTCOME_CLASS_COUNT = outcomeClassSchema.options.length;
/** A moment as milliseconds since the epoch, from 1970 to the year 10000. */
const timeSchema = z.number().int().min(0).max(253_402_300_800_000);

/** True when a search text has something to search for: punctuation alone has no words. */
export function hasSearchWords(text: string): boolean {
  return /[\p{L}\p{N}_]/u.test(text);
}

/** What the history view filters by; every part optional, all parts combined with AND. */
export const historyFilterSchema = z
  .object({
    // Seven groups exist; duplicates are dropped so the SQL stays small whatever the renderer sends.
    outcomes: z
      .array(outcomeClassSchema)
      .max(OUTCOME_CLASS_COUNT, 'Choose each outcome group at most once.')
      .default([])
      .transform((groups) => [...new Set(groups)]),
    name: z.string().max(255).nullable().default(null),
    customer: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable().default(null),
    /**
     * Part of a customer's name or email (case-insensitive for ASCII letters), matched against the
     * customers this account knows (from searches, picks and lookups); sends to customers it has
     * never seen a name for are found by id only.
     */
    customerText: z
      .string()
      .max(HISTORY_CUSTOMER_MAX * 2, `Keep the customer to ${HISTORY_CUSTOMER_MAX} characters.`)
      .trim()
      .min(1, 'Type part of a name or email.')
      .max(HISTORY_CUSTOMER_MAX, `Keep the customer to ${HISTORY_CUSTOMER_MAX} characters.`)
      .nullable()
      .default(null),
    from: timeSchema.nullable().default(null),
    to: timeSchema.nullable().default(null),
    text: z
      .string()
      .max(HISTORY_TEXT_MAX * 2, `Keep the search to ${HISTORY_TEXT_MAX} characters.`)
      .trim()
      .max(HISTORY_TEXT_MAX, `Keep the search to ${HISTORY_TEXT_MAX} characters.`)
      .nullable()
      .default(null),
  })
  .refine((filter) => filter.from === null || filter.to === null || filter.from <= filter.to, { message: 'The start date is after the end date.', path: ['to'] });

export type HistoryFilter = z.infer<typeof historyFilterSchema>;
export const EMPTY_FILTER: HistoryFilter = { outcomes: [], name: null, customer: null, customerText: null, from: null, to: null, text: null };

export const historyPageSchema = z.object({
  entries: z.array(historyEntrySchema),
  /** Pass as `beforeId` to get the next (older) page; null at the end. */
  nextBeforeId: z.number().nullable(),
});

export type HistoryPage = z.infer<typeof historyPageSchema>;

/**
 * The label a person sees for a send: what it means first ("Outcome unknown" for anything that
 * may have landed, whatever the technical cause), then the cause.
 */
export function outcomeLabel(entry: { outcome: Outcome; disposition?: Disposition | null; outbox?: 'waiting' | 'delivered' | null }): string {
  if (entry.outbox === 'waiting') return 'In the outbox';
  if (entry.outbox === 'delivered') return 'Sent later by the outbox';
  if (entry.disposition === 'maybe-landed' && entry.outcome !== 'unknown') return `Outcome unknown (${OUTCOME_LABELS[entry.outcome].toLowerCase()})`;
  return OUTCOME_LABELS[entry.outcome];
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  sending: 'Sending…',
  sent: 'Sent',
  rejected: 'Rejected',
  unauthorized: 'Wrong API key',
  not_found: 'Customer not found',
  rate_limited: 'Rate limited',
  server_error: 'Server error',
  network_error: 'Network error',
  timeout: 'Timed out',
  unexpected_response: 'Unexpected answer',
  unknown: 'Outcome unknown',
};
