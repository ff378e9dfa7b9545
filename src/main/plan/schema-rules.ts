import { PLAN_LIMITS } from './limits.ts';

/** A place in a definition file, as keys and indexes from its root, and what is wrong there. */
export interface RuleProblem {
  path: (string | number)[];
  message: string;
}

/** The one JSON Schema dialect a plan is written in. */
export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * The keywords a definition may use: what the issue asks of a tracking plan (required keys, types,
 * enums, formats, number ranges, string lengths, other keys allowed or not) and no more. Left out on
 * purpose: `pattern` and `patternProperties` (a hostile regular expression can take seconds on one
 * value: ReDoS), `$ref`/`$id`/`$defs` (nothing is fetched or shared between files), and
 * combinators (`anyOf`, `if`), whose errors cannot be said in plain words.
 */
const KEYWORDS = new Set([
  '$schema',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'enum',
  'const',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'examples',
  'default',
  'deprecated',
]);

/** Formats ajv-formats checks with fixed, linear-time rules. */
export const FORMATS = ['date-time', 'date', 'time', 'email', 'uri', 'uuid'] as const;

/** Keywords whose value is free JSON (examples, defaults, enum values): bounded, not read as a schema. */
const VALUE_KEYWORDS = new Set(['enum', 'const', 'examples', 'default']);

/**
 * The problems with a schema before Ajv sees it: sizes, depth and lengths within PLAN_LIMITS, and
 * only the allowed keywords. An empty list means Ajv may compile it.
 */
export function schemaProblems(schema: unknown, base: (string | number)[] = ['schema']): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const budget = { nodes: 0 };
  // The size walk first, iteratively: a schema nested 100 000 deep must not exhaust the stack.
  const sized = sizeProblem(schema, base, budget);
  if (sized) return [sized];
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return [{ path: base, message: 'must be a mapping of JSON Schema keywords, like "type: object"' }];
  const root = schema as Record<string, unknown>;
  if (root.type !== 'object') problems.push({ path: [...base, 'type'], message: 'must be "object": an event\'s data is always an object' });
  if (root.$schema !== undefined && root.$schema !== SCHEMA_DIALECT) problems.push({ path: [...base, '$schema'], message: `must be ${SCHEMA_DIALECT} (or left out)` });
  walkSchema(root, base, problems);
  return problems;
}

function walkSchema(schema: unknown, path: (string | number)[], problems: RuleProblem[]): void {
  if (typeof schema === 'boolean') return;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    problems.push({ path, message: 'must be a schema (a mapping of keywords)' });
    return;
  }
  for (const [key, value] of Object.entries(schema)) {
    const here = [...path, key];
    if (!KEYWORDS.has(key)) {
      problems.push({ path: here, message: `"${key}" is not a keyword a plan may use (allowed: ${[...KEYWORDS].filter((word) => word !== '$schema').join(', ')})` });
      continue;
    }
    if (VALUE_KEYWORDS.has(key)) continue;
    if (key === 'properties') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) problems.push({ path: here, message: 'must be a mapping from each key to its schema' });
      else for (const [name, property] of Object.entries(value)) walkSchema(property, [...here, name], problems);
    } else if (key === 'items' || key === 'additionalProperties') {
      walkSchema(value, here, problems);
    } else if (key === 'format') {
      if (!(FORMATS as readonly unknown[]).includes(value)) problems.push({ path: here, message: `must be one of: ${FORMATS.join(', ')}` });
    }
  }
}

/** The first size limit a value breaks, found without recursion. */
function sizeProblem(value: unknown, base: (string | number)[], budget: { nodes: number }): RuleProblem | null {
  const stack: { value: unknown; path: (string | number)[]; depth: number }[] = [{ value, path: base, depth: 1 }];
  while (stack.length > 0) {
    const { value: node, path, depth } = stack.pop()!;
    budget.nodes += 1;
    if (budget.nodes > PLAN_LIMITS.schemaNodes) return { path: base, message: `is too large: more than ${PLAN_LIMITS.schemaNodes} keys and values` };
    if (typeof node === 'string') {
      if (node.length > PLAN_LIMITS.stringLength) return { path, message: `is too long: keep it to ${PLAN_LIMITS.stringLength} characters` };
      continue;
    }
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) return { path, message: 'must be a finite number' };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth > PLAN_LIMITS.schemaDepth) return { path, message: `is nested too deeply: at most ${PLAN_LIMITS.schemaDepth} levels` };
    if (Array.isArray(node)) {
      if (node.length > PLAN_LIMITS.arrayItems) return { path, message: `has too many items: at most ${PLAN_LIMITS.arrayItems}` };
      node.forEach((item, index) => stack.push({ value: item, path: [...path, index], depth: depth + 1 }));
      continue;
    }
    const keys = Object.keys(node);
    if (keys.length > PLAN_LIMITS.objectKeys) return { path, message: `has too many keys: at most ${PLAN_LIMITS.objectKeys}` };
    for (const key of keys) {
      if (key.length > PLAN_LIMITS.stringLength) return { path, message: `has a key longer than ${PLAN_LIMITS.stringLength} characters` };
      if (key === '__proto__') return { path: [...path, key], message: '"__proto__" cannot be used as a key' };
      stack.push({ value: (node as Record<string, unknown>)[key], path: [...path, key], depth: depth + 1 });
    }
  }
  return null;
}
