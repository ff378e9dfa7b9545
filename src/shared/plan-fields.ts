import { z } from 'zod';
import { definitionStatusSchema, enforcementSchema } from './plan.ts';

/** How many top-level keys of a definition the form builder is told about (a form has at most 20 fields). */
export const SUMMARY_KEYS_MAX = 100;
/** How many allowed values per key are passed on (a choice field takes at most 50). */
export const SUMMARY_ENUM_MAX = 50;

/** One top-level key of a definition's data schema, as a form needs it: no nested schema, bounded. */
export const definitionKeySchema = z.object({
  key: z.string().min(1).max(200),
  /** The JSON types the schema allows ("number", "string"…); empty when it says none. */
  types: z.array(z.enum(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'])).max(7),
  required: z.boolean(),
  /** Its allowed values when the schema lists them (enum, or a const), strings as written. */
  choices: z.array(z.union([z.string().max(200), z.number(), z.boolean(), z.null()])).max(SUMMARY_ENUM_MAX),
  /** A string format: date-time, date, email… */
  format: z.string().max(40).nullable(),
  description: z.string().max(200).nullable(),
});
export type DefinitionKey = z.infer<typeof definitionKeySchema>;

/** What the plan says an event's data holds, for the form builder and the quick log (read-only). */
export const definitionSummarySchema = z.object({
  name: z.string().max(255),
  status: definitionStatusSchema,
  enforcement: enforcementSchema,
  keys: z.array(definitionKeySchema).max(SUMMARY_KEYS_MAX),
  /** More keys than were listed. */
  truncated: z.boolean(),
});
export type DefinitionSummary = z.infer<typeof definitionSummarySchema>;
