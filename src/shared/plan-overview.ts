import { z } from 'zod';
import { eventNameSchema } from './event.ts';
import { nestedDeeperThan } from './nesting.ts';
import { definitionStatusSchema, enforcementSchema, verdictSchema, violationSchema } from './plan.ts';

/** The Plan view's window: sends and violations over the last 30 days, a count per day. */
export const OVERVIEW_DAYS = 30;
/** How many names each list ("planned but never sent", "sent but not planned") shows at most. */
export const OVERVIEW_LIST_MAX = 200;

/** The same bounds a definition file has (src/main/plan/limits.ts), for what the renderer sends. */
export const DEFINITION_DESCRIPTION_MAX = 2000;
export const DEFINITION_OWNER_MAX = 200;
/** A schema as JSON text: far above a 500-key plan, far below what could tire main. */
export const DEFINITION_SCHEMA_MAX_BYTES = 128 * 1024;
/** The schema's nesting (the plan allows 16 levels; a schema is checked by main's own rules after). */
const DEFINITION_SCHEMA_DEPTH = 20;

/** One event definition as the Plan view lists it. */
export const definitionSummarySchema = z.object({
  name: z.string(),
  description: z.string(),
  owner: z.string(),
  status: definitionStatusSchema,
  enforcement: enforcementSchema,
  /** Relative to the workspace folder: "definitions/refund-issued.yaml". */
  file: z.string(),
});
export type DefinitionSummary = z.infer<typeof definitionSummarySchema>;

/** A workspace file that could not be used, with its line and error. */
export const planProblemSchema = z.object({ file: z.string(), line: z.number().int().nullable(), message: z.string() });

/** One event's last 30 days in this account: what was delivered, and what broke the plan. */
export const eventActivitySchema = z.object({
  name: z.string(),
  /** Delivered sends in the window. */
  sends: z.number().int(),
  /** Sends the plan warned about (sent anyway), of which `overridden` the person confirmed against it. */
  warned: z.number().int(),
  overridden: z.number().int(),
  /** Sends the plan refused (never written to history, never sent). */
  blocked: z.number().int(),
  /** The last delivered send, any time; null when none was. */
  lastSent: z.number().nullable(),
  /** Delivered sends per day, oldest first, OVERVIEW_DAYS of them (the last is today). */
  daily: z.array(z.number().int()),
});
export type EventActivity = z.infer<typeof eventActivitySchema>;

export const planOverviewSchema = z.object({
  /** The workspace folder, as main sees it (shown so a person knows where the files are). */
  dir: z.string(),
  onlyPlannedEvents: z.boolean(),
  definitions: z.array(definitionSummarySchema),
  problems: z.array(planProblemSchema),
  /** Every defined event and every event sent in the window, by name. */
  activity: z.array(eventActivitySchema),
  /** Defined, and never sent in this account. */
  neverSent: z.array(z.string()),
  /** Sent in this account, and not defined. */
  notPlanned: z.array(z.string()),
  /** The start of the window (milliseconds since the epoch) and the length of one bucket. */
  since: z.number(),
  dayMs: z.number().int(),
});
export type PlanOverview = z.infer<typeof planOverviewSchema>;

/** What the plan said about one send that was sent anyway; null when it was ok or never asked. */
export const planMarkSchema = z.object({
  verdict: verdictSchema,
  violations: z.array(violationSchema),
  /** The person confirmed sending against the plan's warning. */
  overridden: z.boolean(),
});
export type PlanMark = z.infer<typeof planMarkSchema>;

/** A definition as the renderer's form sends it: bounded before main's own file rules see it. */
export const definitionDraftSchema = z.object({
  name: eventNameSchema,
  description: z.string().max(DEFINITION_DESCRIPTION_MAX, `Keep the description to ${DEFINITION_DESCRIPTION_MAX} characters.`),
  owner: z.string().max(DEFINITION_OWNER_MAX, `Keep the owner to ${DEFINITION_OWNER_MAX} characters.`),
  status: definitionStatusSchema,
  enforcement: enforcementSchema,
  schema: z
    .record(z.string().max(2000), z.unknown())
    // Depth first, with its own stack: the size check below serializes the value recursively.
    .refine((schema) => !nestedDeeperThan(schema, DEFINITION_SCHEMA_DEPTH), { message: `The schema is nested too deeply (max ${DEFINITION_SCHEMA_DEPTH} levels).`, abort: true })
    .refine((schema) => JSON.stringify(schema).length <= DEFINITION_SCHEMA_MAX_BYTES, `The schema is larger than ${DEFINITION_SCHEMA_MAX_BYTES / 1024} KiB.`),
});
export type DefinitionDraft = z.infer<typeof definitionDraftSchema>;
