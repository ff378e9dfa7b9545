import { z } from 'zod';
import { apiErrorItemSchema, dispositionSchema, outcomeSchema } from './history.ts';

/**
 * queued: waiting to be sent; sending: a process is sending it now; unknown: a send was cut off
 * (never resent on its own); rejected: HelpCrunch refused it when it was finally sent (4xx).
 */
export const outboxStateSchema = z.enum(['queued', 'sending', 'unknown', 'rejected']);
export type OutboxState = z.infer<typeof outboxStateSchema>;

const paramsSchema = z.record(z.string().max(64), z.union([z.string().max(2000), z.number()]));

/**
 * Why an item waits or was settled, as structure, for the window's language (lastError keeps main's
 * English for the CLI): a send's answer, a failure's code, the duplicate guard, or a stop mid-send.
 */
export const outboxReasonWordsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('send'), outcome: outcomeSchema, disposition: dispositionSchema.nullable(), httpStatus: z.number().int().nullable(), attempts: z.number().int(), errors: z.array(apiErrorItemSchema).max(20) }),
  z.object({ kind: z.literal('failure'), code: z.string().max(64), reason: z.string().max(64).optional(), params: paramsSchema.optional() }),
  z.object({ kind: z.literal('duplicate'), code: z.string().max(64), reason: z.string().max(64).optional(), params: paramsSchema.optional() }),
  z.object({ kind: z.literal('stopped') }),
]);
export type OutboxReasonWords = z.infer<typeof outboxReasonWordsSchema>;

export const outboxItemSchema = z.object({
  id: z.number().int(),
  createdAt: z.number(),
  state: outboxStateSchema,
  event: z.object({ name: z.string(), customer: z.number(), data: z.record(z.string(), z.unknown()) }),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** lastError as structure (null for items from before it was kept). */
  lastErrorWords: outboxReasonWordsSchema.nullable().default(null),
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
