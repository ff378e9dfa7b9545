import { z } from 'zod';
import type { ChannelName, PushName } from './channels.ts';
import { customerPageSchema, customerQuerySchema, customerSchema } from './customer.ts';
import { BODY_MAX_BYTES, bodyBytes, customerIdSchema, eventDataSchema, eventNameSchema, eventSchema } from './event.ts';
import { nestedDeeperThan, TOO_DEEP } from './nesting.ts';
import { importReportSchema, savedEventDraftSchema, savedEventSchema } from './saved-events.ts';
import { LONG_TEXT_MAX } from './template.ts';
import { dataShapeSchema } from './shape.ts';
import { historyEntrySchema, historyFilterSchema, historyPageSchema } from './history.ts';
import { outboxItemSchema } from './outbox.ts';
import { languageSchema } from './i18n/language.ts';
import { updateStatusSchema } from './updates.ts';
import { localeSchema } from './i18n/locale.ts';
import { profileDraftSchema, profileSchema, profilesViewSchema } from './profiles.ts';
import { itemStateSchema, jobEventSchema, jobItemSchema, jobSchema, planSchema } from './jobs.ts';
import { apiKeySchema, appErrorSchema, baseUrlSchema, connectionVerdictSchema, settingsSchema } from './settings.ts';
import { planCheckSchema } from './plan.ts';
import { definitionDraftSchema, planMarkSchema, planOverviewSchema } from './plan-overview.ts';
import { workspaceViewSchema } from './workspace.ts';
import { definitionSummarySchema } from './plan-fields.ts';

/** A history row id: SQLite's integer key. */
const rowIdSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** What the quick-log form typed, by field key (checked against each field's type by main). */
const inputsSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/), z.string().max(LONG_TEXT_MAX)).refine((inputs) => Object.keys(inputs).length <= 20, 'At most 20 fields.');

const profileIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'Not a profile id.');

/** A send's history entry; `outboxId` is set when it went to the outbox instead of failing. */
const sendResultSchema = historyEntrySchema.extend({ outboxId: z.number().int().nullable().default(null) });

/** How a job is planned: skip what was already delivered unless asked, and at what pace. */
const planOptionsSchema = z.object({
  sendDuplicates: z.boolean(),
  ratePerMinute: z.number().int().min(1).max(100_000).nullable(),
  /** Opt-in: also retry answers that may have landed (risk: duplicates). */
  retryMaybeLanded: z.boolean().default(false),
});

/** An event's name and data as the composer has them, for the plan to check (bounded like a send). */
const plannedEventSchema = z
  .object({ name: eventNameSchema, data: eventDataSchema })
  .refine((event) => !nestedDeeperThan(event.data), { message: `The data is ${TOO_DEEP}.`, path: ['data'], abort: true })
  .refine((event) => bodyBytes({ ...event, customer: 1 }) <= BODY_MAX_BYTES, { message: `The request body is larger than ${BODY_MAX_BYTES / 1024} KiB.`, path: ['data'] });

/**
 * Every IPC channel, named `domain:verb`, with the schema main parses its input with and the shape
 * of its output. Main's registration, the preload's window.api, the renderer's hooks and the e2e
 * bridge are all derived from this one table.
 */
export const contract = {
  'settings:get': { input: z.undefined(), output: settingsSchema },
  'settings:setBaseUrl': { input: z.object({ baseUrl: baseUrlSchema.nullable() }), output: settingsSchema },
  'key:set': { input: z.object({ key: apiKeySchema, sessionOnly: z.boolean() }), output: settingsSchema },
  'key:remove': { input: z.undefined(), output: settingsSchema },
  'key:test': { input: z.undefined(), output: connectionVerdictSchema },
  /** Refused with code "duplicate" when the same event was already delivered; a transient, provably-unsent failure goes to the outbox. */
  'events:send': { input: eventSchema, output: sendResultSchema },
  /** The user confirmed: send even if the same event was already delivered. */
  'events:sendAgain': { input: eventSchema, output: sendResultSchema },
  'profiles:list': { input: z.undefined(), output: profilesViewSchema },
  'profiles:create': { input: z.object({ draft: profileDraftSchema }), output: profileSchema },
  'profiles:update': { input: z.object({ id: profileIdSchema, draft: profileDraftSchema }), output: profileSchema },
  /** Deletes a profile that is not in use, with its history, library, jobs and outbox, and its key. */
  'profiles:delete': { input: z.object({ id: profileIdSchema }), output: z.boolean() },
  'profiles:use': { input: z.object({ id: profileIdSchema }), output: profileSchema },
  /** All of a profile's history to a file main asks for (before deleting it, say); null when cancelled. */
  'profiles:exportHistory': { input: z.object({ id: profileIdSchema }), output: z.object({ path: z.string(), count: z.number().int() }).nullable() },
  'outbox:list': { input: z.undefined(), output: z.array(outboxItemSchema) },
  /** Resolves with how many were delivered. */
  'outbox:sendNow': { input: z.undefined(), output: z.number().int() },
  'outbox:update': { input: z.object({ id: rowIdSchema, event: eventSchema }), output: outboxItemSchema },
  'outbox:remove': { input: z.object({ id: rowIdSchema }), output: z.boolean() },
  'outbox:undoRemove': { input: z.object({ id: rowIdSchema }), output: outboxItemSchema },
  'outbox:resolveUnknown': { input: z.object({ id: rowIdSchema, decision: z.enum(['resend', 'delivered']) }), output: z.boolean() },
  'jobs:list': { input: z.undefined(), output: z.array(jobSchema) },
  'jobs:get': { input: z.object({ id: rowIdSchema }), output: jobSchema },
  'jobs:items': {
    input: z.object({ id: rowIdSchema, afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), limit: z.number().int().min(1).max(500), state: itemStateSchema.nullable() }),
    output: z.array(jobItemSchema),
  },
  /** Main asks which file (its own open dialog); null when the user cancelled it. */
  'jobs:planFile': { input: planOptionsSchema, output: planSchema.nullable() },
  'jobs:planHistory': {
    input: planOptionsSchema.extend({ ids: z.array(rowIdSchema).min(1).max(1_000_000).nullable(), filter: historyFilterSchema.nullable() }),
    output: planSchema,
  },
  /** takeOver: the user confirmed taking the job from another process that holds it but went quiet (job.holder.stalled). */
  'jobs:start': { input: z.object({ id: rowIdSchema, takeOver: z.boolean().optional() }), output: jobSchema },
  'jobs:pause': { input: z.object({ id: rowIdSchema }), output: jobSchema },
  'jobs:cancel': { input: z.object({ id: rowIdSchema }), output: jobSchema },
  'jobs:discard': { input: z.object({ id: rowIdSchema }), output: z.boolean() },
  'jobs:retry': { input: z.object({ id: rowIdSchema, which: z.enum(['failed', 'rejected']) }), output: z.number().int() },
  'jobs:resolveUnknown': {
    input: z.object({ id: rowIdSchema, seqs: z.union([z.array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).min(1).max(100_000), z.literal('all')]), decision: z.enum(['resend', 'delivered']) }),
    output: z.number().int(),
  },
  'saved:list': { input: z.undefined(), output: z.array(savedEventSchema) },
  'saved:create': { input: z.object({ draft: savedEventDraftSchema }), output: savedEventSchema },
  'saved:update': { input: z.object({ id: rowIdSchema, draft: savedEventDraftSchema }), output: savedEventSchema },
  'saved:duplicate': { input: z.object({ id: rowIdSchema }), output: savedEventSchema },
  'saved:delete': { input: z.object({ id: rowIdSchema }), output: z.boolean() },
  'saved:undoDelete': { input: z.object({ id: rowIdSchema }), output: savedEventSchema },
  /** Moves one of this computer's saved events into the workspace folder (a file the team shares). */
  'saved:share': { input: z.object({ id: rowIdSchema }), output: savedEventSchema },
  /** Main resolves the stored template for the customer and inputs (never the renderer's copy), then sends with the duplicate guard. */
  'saved:send': { input: z.object({ id: rowIdSchema, customer: customerIdSchema, inputs: inputsSchema, again: z.boolean(), againstPlan: z.boolean().optional() }), output: sendResultSchema },
  /** What the plan says about a saved event being edited (the save dialog, as it is typed): a block refuses the save, a warning does not. */
  'saved:checkDraft': { input: z.object({ draft: savedEventDraftSchema }), output: planCheckSchema },
  /** What the plan says about the event a saved event makes (resolved by main as a send would); nothing is written or sent. */
  'saved:check': { input: z.object({ id: rowIdSchema, customer: customerIdSchema, inputs: inputsSchema }), output: planCheckSchema },
  /** One saved event for many customers: a replay job's plan. */
  'saved:sendMany': { input: z.object({ id: rowIdSchema, customers: z.array(customerIdSchema).min(1).max(10_000), inputs: inputsSchema, sendDuplicates: z.boolean() }), output: planSchema },
  /** Main asks where (its own dialogs); null when the user cancelled. */
  'saved:export': { input: z.undefined(), output: z.object({ path: z.string(), count: z.number().int() }).nullable() },
  'saved:import': { input: z.object({ onConflict: z.enum(['ask', 'replace', 'keep-both']) }), output: importReportSchema.nullable() },
  /** The usual shape of an event's data, learned from its recent sends. */
  'history:shape': { input: z.object({ name: eventNameSchema }), output: dataShapeSchema },
  /** Main asks where to save (its own save dialog); null when the user cancelled it. */
  'jobs:export': { input: z.object({ id: rowIdSchema, format: z.enum(['json', 'ndjson', 'csv']) }), output: z.object({ path: z.string(), count: z.number().int() }).nullable() },
  'history:list': {
    input: z.object({ limit: z.number().int().min(1).max(500), beforeId: rowIdSchema.nullable(), filter: historyFilterSchema.optional() }),
    output: historyPageSchema,
  },
  'history:count': { input: z.object({ filter: historyFilterSchema }), output: z.number().int() },
  'history:eventNames': { input: z.undefined(), output: z.array(z.string()) },
  'history:delete': { input: z.object({ ids: z.array(rowIdSchema).min(1).max(100_000) }), output: z.number().int() },
  'history:clear': { input: z.object({ filter: historyFilterSchema }), output: z.number().int() },
  'history:export': {
    /** csv: one row per entry, ISO times local and UTC, a column per data key (docs/history-export-csv.md). */
    input: z.object({ filter: historyFilterSchema, ids: z.array(rowIdSchema).max(1_000_000).nullable(), format: z.enum(['json', 'ndjson', 'csv']) }),
    /** Null when the user cancelled the save dialog. */
    output: z.object({ path: z.string(), count: z.number().int() }).nullable(),
  },
  'history:cancelExport': { input: z.undefined(), output: z.boolean() },
  'app:notices': { input: z.undefined(), output: z.array(appErrorSchema) },
  'app:language': { input: z.undefined(), output: languageSchema },
  /** null: follow the system's language again. */
  'app:setLanguage': { input: z.object({ locale: localeSchema.nullable() }), output: languageSchema },
  /** What the app does about new versions (src/main/updates), and the person's switch for it. */
  'app:updates': { input: z.undefined(), output: updateStatusSchema },
  'app:setUpdateChecks': { input: z.object({ enabled: z.boolean() }), output: updateStatusSchema },
  'app:checkForUpdates': { input: z.undefined(), output: updateStatusSchema },
  /** Restarts into a downloaded version once running jobs are paused and the database is closed. */
  'app:installUpdate': { input: z.undefined(), output: updateStatusSchema },
  /** The name of a file the app was asked to open (file association, command line); main keeps its path. */
  'app:openedFile': { input: z.undefined(), output: z.object({ name: z.string().max(4096) }).nullable() },
  /** Plans a replay of that file (main's path, never the window's); null when none is waiting. */
  'jobs:planOpened': { input: planOptionsSchema, output: planSchema.nullable() },
  'settings:setRetention': { input: z.object({ days: z.number().int().min(1).max(36_500).nullable() }), output: settingsSchema },
  'history:get': { input: z.object({ id: rowIdSchema }), output: historyEntrySchema },
  'customers:search': { input: z.object({ query: customerQuerySchema }), output: customerPageSchema },
  'customers:recent': { input: z.undefined(), output: z.array(customerSchema) },
  /** Main remembers the customer from its own search results: the renderer only names the id. */
  'customers:remember': { input: z.object({ id: customerIdSchema }), output: z.array(customerSchema) },
  /** The user confirmed sending against the tracking plan's warning: history records it as overridden. */
  'events:sendAgainstPlan': { input: z.object({ event: eventSchema, again: z.boolean() }), output: sendResultSchema },
  /** The tracking plan at a glance, for this account: definitions, broken files, the last 30 days. */
  'plan:overview': { input: z.undefined(), output: planOverviewSchema },
  /** What the plan says about a draft (the composer's markers); nothing is written or sent. */
  'plan:check': { input: plannedEventSchema, output: planCheckSchema },
  /** "Create from history": a draft definition from this account's recent delivered sends. */
  'plan:propose': { input: z.object({ name: eventNameSchema }), output: definitionDraftSchema },
  /** Writes the definition's file in the workspace (its own file, or a new one named after it). */
  'plan:saveDefinition': { input: z.object({ definition: definitionDraftSchema }), output: z.object({ file: z.string() }) },
  /** What the plan said about one history entry that was sent anyway; null when nothing. */
  'plan:mark': { input: z.object({ id: rowIdSchema }), output: planMarkSchema.nullable() },
  /** An event's definition as a form needs it (top-level keys, types, choices); null when the plan has none. */
  'plan:definition': { input: z.object({ name: eventNameSchema }), output: definitionSummarySchema.nullable() },
  /** The names the plan defines (the form builder offers their fields). */
  'plan:definitionNames': { input: z.undefined(), output: z.array(z.string().max(255)).max(5000) },
  /** The workspace folder in use and where it comes from (the launch's, the person's choice, the default). */
  'plan:workspace': { input: z.undefined(), output: workspaceViewSchema },
  /** Main's own folder dialog, then the plan switches to that folder (the window never sends a path); null when cancelled. */
  'plan:chooseWorkspace': { input: z.undefined(), output: workspaceViewSchema.nullable() },
  /** Back to the default folder inside the app's data. */
  'plan:resetWorkspace': { input: z.undefined(), output: workspaceViewSchema },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;

/** Messages main pushes to the renderer (no reply). */
export const pushes = {
  'history:changed': z.object({ id: z.number().int() }),
  'export:progress': z.object({ written: z.number().int(), total: z.number().int() }),
  'job:event': jobEventSchema,
  'jobs:changed': z.object({}),
  'outbox:changed': z.object({ count: z.number().int() }),
  'profile:changed': z.object({ id: z.string() }),
  'app:updates': updateStatusSchema,
  'app:fileOpened': z.object({ name: z.string().max(4096) }),
  /** The workspace's files changed (another editor, git): the plan was read again. */
  'plan:changed': z.object({}),
} as const satisfies Record<PushName, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Push = keyof typeof pushes;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
/** The input as main's handler sees it: parsed, trimmed, defaults filled in. */
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.infer<Contract[C]['output']>;
export type PushPayload<P extends Push> = z.infer<(typeof pushes)[P]>;
