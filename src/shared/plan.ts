import { z } from 'zod';

/** Where an event stands in the plan: a draft is being agreed, active is the rule, deprecated is on its way out. */
export const definitionStatusSchema = z.enum(['draft', 'active', 'deprecated']);
export type DefinitionStatus = z.infer<typeof definitionStatusSchema>;

/** What a violation of one event's definition does to a send: refuse it, or let it through with a warning. */
export const enforcementSchema = z.enum(['block', 'warn']);
export type Enforcement = z.infer<typeof enforcementSchema>;

/** One broken rule, in plain words: `{ path: 'data.amount', message: 'expected number' }`. */
export const violationSchema = z.object({ path: z.string().max(1000), message: z.string().max(2000) });
export type Violation = z.infer<typeof violationSchema>;

export const verdictSchema = z.enum(['ok', 'warn', 'block']);
export type Verdict = z.infer<typeof verdictSchema>;

/** What the plan says about one event: ok, a warning (sent anyway) or a block (never sent). */
export const planCheckSchema = z.object({
  verdict: verdictSchema,
  violations: z.array(violationSchema).max(1000),
  /** The definition the event was checked against; null for a name the plan does not know. */
  definition: z.string().max(255).nullable(),
});
export type PlanCheck = z.infer<typeof planCheckSchema>;

/** One event's definition, as its workspace file holds it. */
export interface EventDefinition {
  name: string;
  description: string;
  owner: string;
  status: DefinitionStatus;
  enforcement: Enforcement;
  /** A JSON Schema (2020-12) for the event's `data`, within the keywords the plan allows. */
  schema: Record<string, unknown>;
}

/** A workspace file that could not be used: listed with its line and error, never dropped or overwritten. */
export interface PlanProblem {
  /** The file's path relative to the workspace folder ("definitions/refund-issued.yaml"). */
  file: string;
  /** 1-based line of the problem; null when it is about the whole file (too large, unreadable). */
  line: number | null;
  message: string;
}

/** Plan-wide settings (plan.yaml at the workspace's root). */
export interface PlanSettings {
  /** Unknown event names are blocked rather than warned about. */
  onlyPlannedEvents: boolean;
}
