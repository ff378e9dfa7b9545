import { z } from 'zod';

/**
 * Where one item of a replay job stands. "sending" is written before the request; an item still
 * "sending" after a crash becomes "unknown" and is never resent on its own.
 */
export const itemStateSchema = z.enum(['pending', 'sending', 'sent', 'rejected', 'failed', 'skipped', 'unknown', 'invalid']);
export type ItemState = z.infer<typeof itemStateSchema>;

/** "planning" jobs are being written and are never shown; "planned" ones wait for the user's go. */
export const jobStateSchema = z.enum(['planning', 'planned', 'running', 'paused', 'interrupted', 'cancelled', 'finished']);
export type JobState = z.infer<typeof jobStateSchema>;

export const ITEM_STATE_LABELS: Record<ItemState, string> = {
  pending: 'Pending',
  sending: 'Sending',
  sent: 'Delivered',
  rejected: 'Rejected (4xx)',
  failed: 'Failed (can retry)',
  skipped: 'Skipped (already delivered)',
  unknown: 'Outcome unknown',
  invalid: 'Invalid (not sent)',
};

export const JOB_STATE_LABELS: Record<JobState, string> = {
  planning: 'Planning',
  planned: 'Waiting for your go',
  running: 'Running',
  paused: 'Paused',
  interrupted: 'Interrupted',
  cancelled: 'Cancelled',
  finished: 'Finished',
};

export const itemCountsSchema = z.record(itemStateSchema, z.number().int()).transform((counts) => counts as Partial<Record<ItemState, number>>);
export type ItemCounts = Partial<Record<ItemState, number>>;

/** Another Event Desk process holding a running job: running it, or stalled (stopped, asleep, hung) and never taken from silently. */
export const jobHolderSchema = z.object({
  pid: z.number().int(),
  host: z.string(),
  /** "app" or "cli". */
  kind: z.string(),
  /** Its lease lapsed or it stopped beating: it may be stopped (Ctrl+Z, a closed laptop) and may wake. */
  stalled: z.boolean(),
  /** Since it was last heard from. */
  silentForMs: z.number(),
});
export type JobHolder = z.infer<typeof jobHolderSchema>;

/** Who holds a job, in words: "an event-desk CLI run (pid 4242 on laptop)". */
export function describeHolder(holder: Pick<JobHolder, 'kind' | 'pid' | 'host'>): string {
  return `${holder.kind === 'app' ? 'the Event Desk app' : 'an event-desk CLI run'} (pid ${holder.pid} on ${holder.host})`;
}

/** A job note's code and figures (src/main/replay/job-note.ts makes them; the window words them). */
export const jobNoteWordsSchema = z.object({
  code: z.enum(['paused', 'cancelled', 'interrupted', 'origin_moved', 'key_rejected', 'stopped', 'could_not_start', 'requeued', 'requeued_resend']),
  params: z.record(z.string().max(64), z.union([z.string().max(2000), z.number()])).default({}),
});
export type JobNoteWords = z.infer<typeof jobNoteWordsSchema>;

export const jobSchema = z.object({
  id: z.number().int(),
  profile: z.string(),
  source: z.string(),
  state: jobStateSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Lines (or rows, or items) read from the source. */
  lines: z.number().int(),
  invalid: z.number().int(),
  /** Items already delivered before the job was planned. */
  duplicates: z.number().int(),
  sendDuplicates: z.boolean(),
  /** The job also retries answers that may have landed (500/502/504, cut connections): risk of duplicates, off by default. */
  retryMaybeLanded: z.boolean().default(false),
  ratePerMinute: z.number().int().nullable(),
  counts: z.record(z.string(), z.number().int()),
  /** Why it is paused or interrupted, in words (English: the CLI's). */
  note: z.string().nullable(),
  /** The same note as a code and its figures, for the window's language; null for notes from before. */
  noteWords: jobNoteWordsSchema.nullable().default(null),
  /** True when another live process (the app, a CLI run) is running it. */
  runningElsewhere: z.boolean(),
  /** The other process that holds it while it runs (null when none, or this one). */
  holder: jobHolderSchema.nullable(),
});
export type Job = z.infer<typeof jobSchema>;

export const jobItemSchema = z.object({
  seq: z.number().int(),
  line: z.number().int(),
  state: itemStateSchema,
  name: z.string().nullable(),
  customer: z.number().nullable(),
  data: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  httpStatus: z.number().nullable(),
  eventId: z.number().nullable(),
  historyId: z.number().nullable(),
  updatedAt: z.number().nullable(),
});
export type JobItem = z.infer<typeof jobItemSchema>;

/** What the user sees before anything is sent. */
export const planSchema = z.object({
  job: jobSchema,
  /** Items that will be sent when the job starts. */
  toSend: z.number().int(),
  /** The first invalid lines, each with where, which field and why (all are in the job's items). */
  invalidSample: z.array(z.object({ line: z.number().int(), error: z.string() })),
  /** How long sending takes at the budget, in milliseconds. */
  estimatedMs: z.number(),
  /** "line", "row" or "item": what the source's positions are called. */
  unit: z.enum(['line', 'row', 'item']),
  /** Items that repeat an earlier one of the same source (same name, customer and data): sent once unless duplicates are allowed. */
  repeats: z.number().int().default(0),
  /**
   * What the tracking plan said of the source's events: blocked ones are invalid items (never sent,
   * listed in invalidSample with the rule's words); warned ones are sent, the first of them listed here.
   */
  trackingPlan: z
    .object({
      blocked: z.number().int(),
      warned: z.number().int(),
      warnedSample: z.array(z.object({ line: z.number().int(), error: z.string().max(2000) })).max(100),
    })
    .default({ blocked: 0, warned: 0, warnedSample: [] }),
});
export type Plan = z.infer<typeof planSchema>;

/** What a running job tells the windows and terminals watching it: one tagged union, each with its job. */
export const jobEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), jobId: z.number().int(), at: z.number() }),
  z.object({
    type: z.literal('progress'),
    jobId: z.number().int(),
    at: z.number(),
    counts: z.record(z.string(), z.number().int()),
    total: z.number().int(),
    /** Requests per minute over the last few seconds, and the pace the job holds now. */
    ratePerMinute: z.number(),
    pacePerMinute: z.number(),
    budgetPerMinute: z.number(),
    etaMs: z.number().nullable(),
  }),
  z.object({ type: z.literal('rate_limited'), jobId: z.number().int(), at: z.number(), waitMs: z.number(), pacePerMinute: z.number() }),
  /** Items the duplicate guard skipped when the job started or resumed: delivered (or possibly landed) since the plan was made. */
  z.object({ type: z.literal('skipped'), jobId: z.number().int(), at: z.number(), count: z.number().int(), reason: z.string() }),
  z.object({ type: z.literal('paused'), jobId: z.number().int(), at: z.number(), reason: z.string() }),
  z.object({ type: z.literal('finished'), jobId: z.number().int(), at: z.number(), state: jobStateSchema, counts: z.record(z.string(), z.number().int()) }),
]);
export type JobEvent = z.infer<typeof jobEventSchema>;

/** Transient failures (5xx, network, 429 past its wait) can be retried as they are; rejected items need editing first. */
export const RETRYABLE_STATES: readonly ItemState[] = ['failed'];

/** A wait or an ETA in words: "under a second", "42 s", "3 min 5 s", "2 h 10 min". */
export function formatEta(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 1) return 'under a second';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
