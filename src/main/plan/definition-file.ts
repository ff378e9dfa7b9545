import { isMap, isScalar, LineCounter, parseDocument, stringify, visit, type Document } from 'yaml';
import { z } from 'zod';
import { NAME_MAX_LENGTH } from '../../shared/event.ts';
import { definitionStatusSchema, enforcementSchema, type EventDefinition, type PlanSettings } from '../../shared/plan.ts';
import { savedEventDraftSchema } from '../../shared/saved-events.ts';
import { PLAN_LIMITS } from './limits.ts';
import { schemaProblems, type RuleProblem } from './schema-rules.ts';

/** A problem in a file's text: its 1-based line (null for the whole file) and what is wrong. */
export interface TextProblem {
  line: number | null;
  message: string;
}

const definitionSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(NAME_MAX_LENGTH, `must be at most ${NAME_MAX_LENGTH} characters`),
  description: z.string().max(PLAN_LIMITS.description, `must be at most ${PLAN_LIMITS.description} characters`).default(''),
  owner: z.string().max(PLAN_LIMITS.owner, `must be at most ${PLAN_LIMITS.owner} characters`).default(''),
  status: definitionStatusSchema,
  enforcement: enforcementSchema.default('warn'),
  schema: z.record(z.string(), z.unknown()),
});

const settingsSchema = z.strictObject({ onlyPlannedEvents: z.boolean().default(false) });

/** The order keys are written in, so a file diffs only where something changed. */
const DEFINITION_ORDER = ['name', 'description', 'owner', 'status', 'enforcement', 'schema'] as const;
/** Within a schema: what a reader looks for first, then the rest alphabetically. */
const SCHEMA_ORDER = ['$schema', 'title', 'description', 'type', 'format', 'enum', 'const', 'required', 'properties', 'additionalProperties', 'items'];

/**
 * Reads one definition file (YAML, or JSON, which is YAML too). Everything that is wrong is
 * reported with its line, never thrown: a broken file is listed, not dropped.
 */
export function parseDefinition(text: string): { definition: EventDefinition } | { problems: TextProblem[] } {
  const read = readDocument(text);
  if ('problems' in read) return read;
  const { value, lineOf } = read;
  const parsed = definitionSchema.safeParse(value);
  if (!parsed.success) {
    return { problems: parsed.error.issues.slice(0, 20).map((issue) => ({ line: lineOf(issuePath(issue)), message: `${issuePath(issue).join('.') || 'file'}: ${issueWords(issue)}` })) };
  }
  const rules: RuleProblem[] = schemaProblems(parsed.data.schema);
  if (rules.length > 0) return { problems: rules.slice(0, 20).map((problem) => ({ line: lineOf(problem.path), message: `${problem.path.join('.')}: ${problem.message}` })) };
  return { definition: parsed.data };
}

/** Reads plan.yaml: the plan's own settings. */
export function parseSettings(text: string): { settings: PlanSettings } | { problems: TextProblem[] } {
  const read = readDocument(text, true);
  if ('problems' in read) return read;
  const parsed = settingsSchema.safeParse(read.value ?? {});
  if (!parsed.success) return { problems: parsed.error.issues.slice(0, 20).map((issue) => ({ line: read.lineOf(issuePath(issue)), message: `${issuePath(issue).join('.') || 'file'}: ${issueWords(issue)}` })) };
  return { settings: parsed.data };
}

/** A saved event as a workspace file holds it: the library's draft, for every account (no account ids). */
export type SavedEventFile = Omit<z.output<typeof savedEventDraftSchema>, 'accounts'>;

const SAVED_ORDER = ['title', 'name', 'description', 'defaultCustomer', 'tags', 'fields', 'template'] as const;

/**
 * Reads one saved event's file with the library's own rules (savedEventDraftSchema: bounds, the
 * template's grammar). Account ids are not allowed: they are this computer's, not the team's.
 */
export function parseSavedEvent(text: string): { saved: SavedEventFile } | { problems: TextProblem[] } {
  const read = readDocument(text);
  if ('problems' in read) return read;
  const unknown = Object.keys(read.value as object).filter((key) => !(SAVED_ORDER as readonly string[]).includes(key));
  if (unknown.length > 0) return { problems: unknown.slice(0, 5).map((key) => ({ line: read.lineOf([key]), message: `${key}: unknown key (allowed: ${SAVED_ORDER.join(', ')})` })) };
  const parsed = savedEventDraftSchema.safeParse(read.value);
  if (!parsed.success) return { problems: parsed.error.issues.slice(0, 20).map((issue) => ({ line: read.lineOf(issuePath(issue)), message: `${issuePath(issue).join('.') || 'file'}: ${issueWords(issue)}` })) };
  const { accounts: _accounts, ...saved } = parsed.data;
  return { saved };
}

/** A saved event as file text: keys in a fixed order; the template's own keys as the user wrote them. */
export function formatSavedEvent(saved: SavedEventFile, kind: 'yaml' | 'json' = 'yaml'): string {
  const ordered: Record<string, unknown> = {};
  for (const key of SAVED_ORDER) ordered[key] = saved[key];
  return kind === 'json' ? `${JSON.stringify(ordered, null, 2)}\n` : stringify(ordered, { lineWidth: 0, indent: 2 });
}

/**
 * A definition as file text: keys in a fixed order, YAML a reviewer reads at a glance (or JSON,
 * for a definition someone keeps in a .json file).
 */
export function formatDefinition(definition: EventDefinition, kind: 'yaml' | 'json' = 'yaml'): string {
  const ordered: Record<string, unknown> = {};
  for (const key of DEFINITION_ORDER) ordered[key] = key === 'schema' ? orderSchema(definition.schema) : definition[key];
  return kind === 'json' ? `${JSON.stringify(ordered, null, 2)}\n` : stringify(ordered, { lineWidth: 0, indent: 2 });
}

export function formatSettings(settings: PlanSettings): string {
  return stringify({ onlyPlannedEvents: settings.onlyPlannedEvents });
}

/** Schema keys in SCHEMA_ORDER then alphabetically, property names alphabetically; arrays keep their order. */
function orderSchema(value: unknown, properties = false): unknown {
  if (Array.isArray(value)) return value.map((item) => orderSchema(item));
  if (value === null || typeof value !== 'object') return value;
  const rank = (key: string) => (properties ? -1 : SCHEMA_ORDER.indexOf(key));
  const keys = Object.keys(value).toSorted((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra === -1 ? 1 : rb === -1 ? -1 : ra - rb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const ordered: Record<string, unknown> = {};
  for (const key of keys) {
    const child = (value as Record<string, unknown>)[key];
    // Values of enum/const/examples/default are data, not schemas: kept exactly as they are.
    ordered[key] = !properties && ['enum', 'const', 'examples', 'default'].includes(key) ? child : orderSchema(child, !properties && key === 'properties');
  }
  return ordered;
}

type Read = { value: unknown; lineOf: (path: (string | number)[]) => number | null } | { problems: TextProblem[] };

/** Flow collections ([ and {) deeper than this are refused before parsing: the parser recurses. */
const FLOW_DEPTH = 64;

function readDocument(text: string, emptyIsFine = false): Read {
  const deep = flowTooDeep(text);
  if (deep !== null) return { problems: [{ line: deep, message: `nested too deeply: more than ${FLOW_DEPTH} levels of [ and {` }] };
  const lines = new LineCounter();
  let document: Document.Parsed | undefined;
  let value: unknown;
  try {
    // No aliases (toJS maxAliasCount 0): `&a`/`*a` is how a few hundred bytes of YAML expand to gigabytes (billion laughs).
    document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true, stringKeys: true });
    if (document.errors.length > 0) {
      return { problems: document.errors.slice(0, 5).map((error) => ({ line: lines.linePos(error.pos[0]).line, message: firstLine(error.message) })) };
    }
    value = document.toJS({ maxAliasCount: 0 });
  } catch (error) {
    // The parser and toJS recurse: a file nested thousands deep ends here, not in a crash.
    if (error instanceof RangeError || /call stack/i.test((error as Error).message)) return { problems: [{ line: null, message: 'the file is nested too deeply to read' }] };
    const alias = document ? firstAlias(document, lines) : undefined;
    if (alias !== undefined) return { problems: [{ line: alias, message: 'YAML aliases (*name) are not allowed in a workspace file: write the value out' }] };
    return { problems: [{ line: null, message: firstLine((error as Error).message) }] };
  }
  if (value === null && !emptyIsFine) return { problems: [{ line: null, message: 'the file is empty' }] };
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) return { problems: [{ line: 1, message: 'expected a mapping of keys (name, status, schema…) at the top' }] };
  const parsed = document;
  return { value, lineOf: (path) => lineOfPath(parsed, lines, path) };
}

/**
 * The line where flow nesting first passes FLOW_DEPTH, or null. A rough scan (quotes and comments
 * skipped) that errs towards parsing: the parser's own errors catch anything it miscounts.
 */
function flowTooDeep(text: string): number | null {
  let depth = 0;
  let line = 1;
  let quote = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '\n') line += 1;
    if (quote !== '') {
      if (char === '\\' && quote === '"') index += 1;
      else if (char === quote || char === '\n') quote = '';
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (index === 0 || /\s/.test(text[index - 1]!))) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end - 1;
    } else if (char === '[' || char === '{') {
      depth += 1;
      if (depth > FLOW_DEPTH) return line;
    } else if ((char === ']' || char === '}') && depth > 0) depth -= 1;
  }
  return null;
}

/** The line of the first alias in a document, if it has one. */
function firstAlias(document: Document.Parsed, lines: LineCounter): number | undefined {
  let line: number | undefined;
  visit(document, {
    Alias(_key, node) {
      line = node.range ? lines.linePos(node.range[0]).line : undefined;
      return visit.BREAK;
    },
  });
  return line;
}

/** The line of the deepest node on `path` that is there (a missing key: the line of its parent). */
function lineOfPath(document: Document.Parsed, lines: LineCounter, path: (string | number)[]): number | null {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = document.getIn(path.slice(0, length), true);
    if (isScalar(node) || isMap(node) || (node && typeof node === 'object' && 'range' in node)) {
      const range = (node as { range?: [number, number, number] }).range;
      if (range) return lines.linePos(range[0]).line;
    }
    // The key of a pair whose value is empty still has a line.
    const parent = length > 0 ? document.getIn(path.slice(0, length - 1), true) : null;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[length - 1]);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return lines.linePos(range[0]).line;
    }
  }
  return null;
}

/** Where an issue is: an unknown key at the key itself, anything else at its path. */
function issuePath(issue: z.core.$ZodIssue): (string | number)[] {
  const path = issue.path as (string | number)[];
  return issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
}

function issueWords(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'unrecognized_keys') return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((key) => `"${key}"`).join(', ')} (allowed: ${DEFINITION_ORDER.join(', ')})`;
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'missing (required)' : `expected ${issue.expected}`;
  return issue.message;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.slice(0, 500);
}
