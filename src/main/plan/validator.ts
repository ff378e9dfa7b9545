import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Violation } from '../../shared/plan.ts';
import { FORMATS } from './schema-rules.ts';

/** A definition's schema, compiled once; `check` lists every violation of one event's data. */
export interface CompiledSchema {
  check(data: unknown): Violation[];
}

/**
 * Compiles schemas with Ajv (JSON Schema 2020-12). Ajv generates code with `new Function`, which
 * the renderer's CSP forbids: this runs in main and the CLI only, once per definition, and the
 * renderer gets violations in words. Schemas reach it only after schemaProblems() passed them.
 */
export class SchemaCompiler {
  readonly #ajv: Ajv2020;

  constructor() {
    // strictSchema: a keyword or format Ajv does not know is an error, not silently ignored. Not
    // strictTypes/strictRequired: `enum` without `type`, or a required key without its own schema,
    // are fine plans. allErrors: a person fixes every problem of a send at once.
    this.#ajv = new Ajv2020({ strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: true, allowUnionTypes: true, validateFormats: true, addUsedSchema: false, logger: false });
    addFormats(this.#ajv, { formats: [...FORMATS] });
  }

  /** Throws Ajv's own error for a schema it cannot compile (a type that is not a JSON type, `minimum: "x"`). */
  compile(schema: Record<string, unknown>): CompiledSchema {
    const validate: ValidateFunction = this.#ajv.compile(schema);
    return {
      // Bounded: a hostile definition (a long enum on the items of a long array) must not make a check's
      // words grow with the data: the first VIOLATIONS_MAX errors, each at most MESSAGE_MAX characters.
      check: (data) => (validate(data) ? [] : (validate.errors ?? []).slice(0, VIOLATIONS_MAX).map(toViolation)),
    };
  }
}

/** How many violations one check reports, and how long each sentence may be (hostile files: docs/tracking-plan.md). */
export const VIOLATIONS_MAX = 50;
export const MESSAGE_MAX = 300;
const ENUM_SHOWN = 10;

const FORMAT_WORDS: Record<string, string> = {
  'date-time': 'expected a date and time, like 2026-01-31T09:30:00Z',
  date: 'expected a date, like 2026-01-31',
  time: 'expected a time, like 09:30:00Z',
  email: 'expected an email address',
  uri: 'expected a URI, like https://example.com/page',
  uuid: 'expected a UUID',
};

/** One of Ajv's errors as a path under `data` and a short sentence with the rule's own words. */
export function toViolation(error: ErrorObject): Violation {
  const violation = describe(error);
  return { path: violation.path.slice(0, MESSAGE_MAX), message: violation.message.length > MESSAGE_MAX ? `${violation.message.slice(0, MESSAGE_MAX - 1)}…` : violation.message };
}

function describe(error: ErrorObject): Violation {
  const params = error.params as Record<string, unknown>;
  const at = dataPath(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return { path: childPath(at, String(params.missingProperty)), message: 'missing (required)' };
    case 'additionalProperties':
      return { path: childPath(at, String(params.additionalProperty)), message: 'not in the plan (no other keys are allowed)' };
    case 'type':
      return { path: at, message: `expected ${[params.type].flat().join(' or ')}` };
    case 'enum': {
      // As many values as fit the sentence, then how many more: the list never outgrows MESSAGE_MAX.
      const allowed = params.allowedValues as unknown[];
      const shown: string[] = [];
      for (const value of allowed.slice(0, ENUM_SHOWN)) {
        const next = words(value);
        if (shown.length > 0 && `must be one of: ${[...shown, next].join(', ')} and 9999 more`.length > MESSAGE_MAX) break;
        shown.push(next);
      }
      const more = allowed.length > shown.length ? ` and ${allowed.length - shown.length} more` : '';
      return { path: at, message: `must be one of: ${shown.join(', ')}${more}` };
    }
    case 'const':
      return { path: at, message: `must be ${words(params.allowedValue)}` };
    case 'format':
      return { path: at, message: FORMAT_WORDS[String(params.format)] ?? `expected the format ${String(params.format)}` };
    case 'minimum':
      return { path: at, message: `must be at least ${String(params.limit)}` };
    case 'maximum':
      return { path: at, message: `must be at most ${String(params.limit)}` };
    case 'exclusiveMinimum':
      return { path: at, message: `must be greater than ${String(params.limit)}` };
    case 'exclusiveMaximum':
      return { path: at, message: `must be less than ${String(params.limit)}` };
    case 'multipleOf':
      return { path: at, message: `must be a multiple of ${String(params.multipleOf)}` };
    case 'minLength':
      return { path: at, message: `must be at least ${String(params.limit)} ${plural(params.limit, 'character')}` };
    case 'maxLength':
      return { path: at, message: `must be at most ${String(params.limit)} ${plural(params.limit, 'character')}` };
    case 'minItems':
      return { path: at, message: `must have at least ${String(params.limit)} ${plural(params.limit, 'item')}` };
    case 'maxItems':
      return { path: at, message: `must have at most ${String(params.limit)} ${plural(params.limit, 'item')}` };
    case 'uniqueItems':
      return { path: at, message: `must not repeat an item (items ${String(params.j)} and ${String(params.i)} are the same)` };
    default:
      return { path: at, message: error.message ?? `breaks the rule "${error.keyword}"` };
  }
}

/** A value as the rule's words show it: strings bare, anything else as JSON. */
function words(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function plural(count: unknown, word: string): string {
  return count === 1 ? word : `${word}s`;
}

/** Ajv's JSON Pointer ("/items/0/sku") as the path a person reads: data.items[0].sku. */
export function dataPath(pointer: string): string {
  if (pointer === '') return 'data';
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, part) => childPath(path, part, /^\d+$/.test(part)), 'data');
}

function childPath(path: string, key: string, index = false): string {
  if (index) return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
