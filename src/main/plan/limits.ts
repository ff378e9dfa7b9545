/**
 * Bounds on everything read from a workspace: its files come from a git checkout anyone could have
 * pushed to, so they are hostile input. Each limit is far above any real tracking plan.
 */
export const PLAN_LIMITS = {
  /** One definition file (a 50-key schema with descriptions is a few KiB). */
  fileBytes: 256 * 1024,
  /** Files read from the definitions folder. */
  files: 2000,
  /** Nesting of the schema (objects and arrays), counting the schema itself as 1. */
  schemaDepth: 16,
  /** Objects, arrays and values in one schema, all together. */
  schemaNodes: 5000,
  /** Keys in one object of the schema (properties of an event's data, above all). */
  objectKeys: 500,
  /** Items in one array of the schema (an enum, required). */
  arrayItems: 500,
  /** Any string in a schema (a key, an enum value, a description). */
  stringLength: 2000,
  description: 2000,
  owner: 200,
} as const;
