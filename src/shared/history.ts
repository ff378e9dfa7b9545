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

export const apiErrorItemSchema = z.object({ code: z.string(), message: z.string() });
export type ApiErrorItem = z.infer<typeof apiErrorItemSchema>;

export const historyEntrySchema = z.object({
  id: z.number().int(),
  profile: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  outcome: outcomeSchema,
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
});

export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyPageSchema = z.object({
  entries: z.array(historyEntrySchema),
  /** Pass as `beforeId` to get the next (older) page; null at the end. */
  nextBeforeId: z.number().nullable(),
});

export type HistoryPage = z.infer<typeof historyPageSchema>;

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
