import { z } from 'zod';

/**
 * queued: waiting to be sent; sending: a process is sending it now; unknown: a send was cut off
 * (never resent on its own); rejected: HelpCrunch refused it when it was finally sent (4xx).
 */
export const outboxStateSchema = z.enum(['queued', 'sending', 'unknown', 'rejected']);
export type OutboxState = z.infer<typeof outboxStateSchema>;

export const outboxItemSchema = z.object({
  id: z.number().int(),
  createdAt: z.number(),
  state: outboxStateSchema,
  event: z.object({ name: z.string(), customer: z.number(), data: z.record(z.string(), z.unknown()) }),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.number(),
  historyId: z.number().nullable(),
  /** Where it was made for (scheme://host:port); null for items from before origins were kept. */
  origin: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const OUTBOX_STATE_LABELS: Record<OutboxState, string> = {
  queued: 'Waiting to be sent',
  sending: 'Sending',
  unknown: 'Outcome unknown',
  rejected: 'Rejected by HelpCrunch',
};
