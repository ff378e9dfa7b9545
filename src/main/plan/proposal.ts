import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { EventDefinition } from '../../shared/plan.ts';
import type { DataShape } from '../../shared/shape.ts';
import { Failure } from '../failure.ts';
import { SCHEMA_DIALECT } from './schema-rules.ts';

/** A key present in at least this share of sends is proposed as required. */
export const REQUIRED_SHARE = 0.95;
/** Strings become an enum when at most this many distinct values… */
export const ENUM_MAX_VALUES = 10;
/** …each at most this long… */
export const ENUM_MAX_LENGTH = 40;
/** …were seen in at least this many sends of the key. */
export const ENUM_MIN_SENDS = 20;
/** The same window the shape learner reads (its SAMPLE): recent, cheap at any history size. */
const SAMPLE = 200;

export interface ProposalDeps {
  /** The learned shape (src/main/history/shape-learner.ts): keys, their types and how often each is there. */
  shape: (profile: string, name: string) => DataShape;
  /** The data of the same recent delivered sends, for what the shape leaves out: the string values seen. */
  recentData: (profile: string, name: string) => unknown[];
  now: () => number;
}

/** Reads the recent delivered sends' data the way the shape learner does (same index, same limit). */
export function recentDataReader(db: DatabaseSync): (profile: string, name: string) => unknown[] {
  const recent: StatementSync = db.prepare(`SELECT data FROM sends WHERE profile = ? AND name = ? AND outcome = 'sent' ORDER BY id DESC LIMIT ?`);
  return (profile, name) =>
    (recent.all(profile, name, SAMPLE) as { data: string }[]).flatMap((row) => {
      try {
        return [JSON.parse(row.data) as unknown];
      } catch {
        return [];
      }
    });
}

/**
 * "Create from history": a draft definition from the learned shape of an event's past sends, for
 * a person to edit. Required = in ≥ 95% of sends; a type per key; an enum for a small set of short
 * strings seen often enough to be the whole set; a format when every value has it.
 */
export class DefinitionProposer {
  readonly #deps: ProposalDeps;

  constructor(deps: ProposalDeps) {
    this.#deps = deps;
  }

  propose(profile: string, name: string): EventDefinition {
    const shape = this.#deps.shape(profile, name);
    if (shape.sample === 0) throw new Failure('not_found', `There are no delivered sends of "${name}" in this account's history to learn from.`, { hint: 'Check the name (it is case-sensitive), or pick the account with --profile.' });
    const strings = stringValues(this.#deps.recentData(profile, name));
    const properties: Record<string, Record<string, unknown>> = {};
    const required: string[] = [];
    for (const key of shape.keys) {
      const property: Record<string, unknown> = {};
      const kinds = key.kinds.toSorted();
      property.type = kinds.length === 1 ? kinds[0] : kinds;
      const seen = strings.get(key.key);
      if (kinds.length === 1 && kinds[0] === 'string' && seen) {
        const distinct = [...new Set(seen)];
        if (seen.length >= ENUM_MIN_SENDS && distinct.length <= ENUM_MAX_VALUES && distinct.every((value) => value.length <= ENUM_MAX_LENGTH)) property.enum = distinct.toSorted();
        else {
          const format = commonFormat(distinct);
          if (format) property.format = format;
        }
      }
      properties[key.key] = property;
      if (key.share >= REQUIRED_SHARE) required.push(key.key);
    }
    const schema: Record<string, unknown> = { $schema: SCHEMA_DIALECT, type: 'object', properties };
    if (required.length > 0) schema.required = required;
    return {
      name,
      description: `Proposed from ${shape.sample} delivered ${shape.sample === 1 ? 'send' : 'sends'} on ${new Date(this.#deps.now()).toISOString().slice(0, 10)}.`,
      owner: '',
      // A proposal is a starting point: it warns until a person makes it active.
      status: 'draft',
      enforcement: 'warn',
      schema,
    };
  }
}

/** Every string value seen per top-level key. */
function stringValues(rows: unknown[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const data of rows) {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) continue;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const list = values.get(key) ?? [];
      list.push(value);
      values.set(key, list);
    }
  }
  return values;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URI = /^https?:\/\/\S+$/;

/** The format every value has (date-time, email, uri), if one does. */
function commonFormat(values: string[]): string | null {
  if (values.length === 0) return null;
  if (values.every((value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))) return 'date-time';
  if (values.every((value) => EMAIL.test(value))) return 'email';
  if (values.every((value) => URI.test(value) && URL.canParse(value))) return 'uri';
  return null;
}
