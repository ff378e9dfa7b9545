import { z } from 'zod';

/**
 * Saved-event templates: a small grammar of our own, not a template engine. Placeholders live only
 * inside JSON string values, name one of a fixed list, and are substituted; nothing is evaluated,
 * no property is looked up, nothing comes from the environment.
 */

export const INPUT_TYPES = ['text', 'longtext', 'number', 'yesno', 'date', 'choice'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/** A field the person fills in for `{{input.<key>}}` (the quick-log form). */
export const inputFieldSchema = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'A field key is a letter followed by letters, digits or _ (at most 40).'),
  label: z.string().trim().min(1, 'Give the field a label.').max(80),
  type: z.enum(INPUT_TYPES),
  required: z.boolean(),
  /** For "choice": the values offered. */
  choices: z.array(z.string().min(1).max(100)).max(50).default([]),
  /** What the form starts with, as typed ("yes"/"no" for a yes/no field); used when an input is not given at all. */
  default: z.string().max(1000).optional(),
  /** One line under the field in the form. */
  help: z.string().max(200).optional(),
});
export type InputField = z.infer<typeof inputFieldSchema>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const FIXED: Record<string, 'string' | 'number'> = {
  now: 'string',
  'now.unix': 'number',
  today: 'string',
  uuid: 'string',
  'customer.id': 'number',
  'customer.email': 'string',
  'customer.name': 'string',
  'customer.userId': 'string',
};
/** Longer string values are refused: a template is a small object, not a payload. */
export const TEMPLATE_STRING_MAX = 10_000;
/** A placeholder as typed, braces and spaces included; the longest name ("input." + 40) fits with room to spare. */
export const PLACEHOLDER_MAX = 100;

export interface TemplateProblem {
  /** Where in the data: "plan", "items[2].note". */
  path: string;
  /** The placeholder text as typed, for highlighting ("{{nwo}}"), or null for a whole-value problem. */
  token: string | null;
  message: string;
}

export type PlaceholderType = 'string' | 'number' | 'boolean';

function inputType(field: InputField): PlaceholderType {
  return field.type === 'number' ? 'number' : field.type === 'yesno' ? 'boolean' : 'string';
}

/** What a placeholder name means, or why it is not allowed. */
function lookup(name: string, inputs: readonly InputField[]): { type: PlaceholderType } | { problem: string } {
  if (name === '') return { problem: 'An empty placeholder {{ }}: name what goes here, like {{now}}.' };
  if (name.includes('{') || name.includes('}')) return { problem: 'Placeholders cannot be nested.' };
  if (Object.hasOwn(FIXED, name)) return { type: FIXED[name]! };
  if (name.startsWith('input.')) {
    const key = name.slice('input.'.length);
    if (FORBIDDEN_KEYS.has(key) || !/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(key)) return { problem: `"${name.slice(0, 60)}" is not a field name: use letters, digits and _.` };
    const field = inputs.find((candidate) => candidate.key === key);
    if (!field) return { problem: `There is no input field "${key}": add it under "Fields", or fix the name.` };
    return { type: inputType(field) };
  }
  return { problem: `Unknown placeholder {{${name.slice(0, 60)}}}. Use now, now.unix, today, uuid, customer.id, customer.email, customer.name, customer.userId or input.<field>.` };
}

/** One `{{…}}` as typed, where it is in its string, and the name inside it (trimmed). */
interface Placeholder {
  start: number;
  end: number;
  token: string;
  name: string;
}

/**
 * The placeholders of a string, left to right, and where an unclosed `{{` starts. One pass of
 * indexOf, never a pattern: a backtracking regex took minutes on a 10 KB value of spaces, and this
 * runs in time linear in the length whatever the text.
 */
function placeholders(text: string): { found: Placeholder[]; unclosedAt: number | null } {
  const found: Placeholder[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start === -1) return { found, unclosedAt: null };
    const close = text.indexOf('}}', start + 2);
    if (close === -1) return { found, unclosedAt: start };
    found.push({ start, end: close + 2, token: text.slice(start, close + 2), name: text.slice(start + 2, close).trim() });
    from = close + 2;
  }
}

/** The placeholders of one string value, in order, with what each one is. */
function scan(text: string, path: string, inputs: readonly InputField[], problems: TemplateProblem[]): { token: string; name: string; type: PlaceholderType | null }[] {
  const found: { token: string; name: string; type: PlaceholderType | null }[] = [];
  if (text.length > TEMPLATE_STRING_MAX) {
    problems.push({ path, token: null, message: `This value is longer than ${TEMPLATE_STRING_MAX} characters.` });
    return found;
  }
  const { found: tokens, unclosedAt } = placeholders(text);
  for (const { token, name } of tokens) {
    const meaning = token.length > PLACEHOLDER_MAX ? { problem: `This placeholder is longer than ${PLACEHOLDER_MAX} characters: write it like {{now}}.` } : lookup(name, inputs);
    if ('problem' in meaning) problems.push({ path, token: token.slice(0, PLACEHOLDER_MAX), message: meaning.problem });
    found.push({ token, name, type: 'type' in meaning ? meaning.type : null });
  }
  if (unclosedAt !== null) problems.push({ path, token: text.slice(unclosedAt, unclosedAt + 30), message: 'A placeholder is not closed: end it with }}.' });
  return found;
}

/** Walks a template value; `visit` sees every string value with its path, `key` every object key. */
function walk(value: unknown, path: string, visit: (text: string, path: string) => void, key: (name: string, path: string) => void, depth = 0): void {
  if (depth > 20) throw new RangeError('too deep');
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`, visit, key, depth + 1));
  else if (value !== null && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) {
      const at = path === '' ? name : `${path}.${name}`;
      key(name, at);
      walk(item, at, visit, key, depth + 1);
    }
  }
}

/** Everything wrong with a data template, each at its place; an empty list means it can be used. */
export function checkTemplate(template: unknown, inputs: readonly InputField[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (template === null || typeof template !== 'object' || Array.isArray(template)) return [{ path: '', token: null, message: 'The data template must be a JSON object.' }];
  try {
    walk(
      template,
      '',
      (text, path) => void scan(text, path, inputs, problems),
      (name, path) => {
        if (name.includes('{{')) problems.push({ path, token: placeholders(name).found[0]?.token ?? name, message: 'Placeholders go only in values, never in keys.' });
      },
    );
  } catch {
    problems.push({ path: '', token: null, message: 'The template is nested more than 20 levels deep.' });
  }
  return problems;
}

/** A long-text field (a note, a reason) may hold more than a one-line field. */
export const LONG_TEXT_MAX = 5000;

export interface TemplateContext {
  now: Date;
  uuid: () => string;
  customer: { id: number; email: string | null; name: string | null; userId: string | null } | null;
  /** What the person typed, as text (the form's fields); checked against the declared types here. */
  inputs: Record<string, string>;
}

/** A field's typed value from what was typed, or why it does not fit. */
export function inputValue(field: InputField, text: string | undefined): { value: string | number | boolean | null } | { problem: string } {
  // Not given at all (a CLI run without --input, an older stored form): the field's default.
  const raw = (text ?? field.default ?? '').trim();
  // A yes/no field is always answered: an unticked box is "no", never "missing".
  if (raw === '' && field.type === 'yesno') return { value: false };
  if (raw === '') return field.required ? { problem: `${field.label} is required.` } : { value: null };
  if (raw.length > (field.type === 'longtext' ? LONG_TEXT_MAX : 1000)) return { problem: `${field.label} is too long (${field.type === 'longtext' ? '5,000' : '1,000'} characters at most).` };
  switch (field.type) {
    case 'number': {
      if (!/^-?\d+(\.\d+)?$/.test(raw)) return { problem: `${field.label} must be a number, like 20 or 19.99.` };
      return { value: Number(raw) };
    }
    case 'yesno':
      if (!/^(yes|no|true|false)$/i.test(raw)) return { problem: `${field.label}: answer yes or no.` };
      return { value: /^(yes|true)$/i.test(raw) };
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) return { problem: `${field.label} must be a date as YYYY-MM-DD.` };
      return { value: raw };
    case 'choice':
      if (!field.choices.includes(raw)) return { problem: `${field.label} must be one of: ${field.choices.join(', ')}.` };
      return { value: raw };
    default:
      return { value: raw };
  }
}

/**
 * The data exactly as it will be sent. A string that is exactly one number or yes/no placeholder
 * becomes that type; anywhere else a value is written as text. An object value that is exactly one
 * optional input left empty is left out of the data (not sent as null). Nothing is evaluated.
 */
export function resolveTemplate(template: Record<string, unknown>, inputs: readonly InputField[], context: TemplateContext): { ok: true; data: Record<string, unknown> } | { ok: false; problems: TemplateProblem[] } {
  const problems = [...checkedOnce(template, inputs)];
  const values = new Map<string, string | number | boolean | null>();
  for (const field of inputs) {
    const typed = inputValue(field, context.inputs[field.key]);
    if ('problem' in typed) problems.push({ path: `input.${field.key}`, token: `{{input.${field.key}}}`, message: typed.problem });
    else values.set(field.key, typed.value);
  }
  if (problems.length > 0) return { ok: false, problems };
  const valueOf = (name: string, path: string): string | number | boolean | null => {
    const customer = context.customer;
    switch (name) {
      case 'now':
        return context.now.toISOString();
      case 'now.unix':
        return Math.floor(context.now.getTime() / 1000);
      case 'today':
        return context.now.toISOString().slice(0, 10);
      case 'uuid':
        return context.uuid();
      case 'customer.id':
      case 'customer.email':
      case 'customer.name':
      case 'customer.userId': {
        if (!customer) {
          problems.push({ path, token: `{{${name}}}`, message: 'Choose a customer first: this placeholder uses them.' });
          return null;
        }
        const value = customer[name.slice('customer.'.length) as 'id' | 'email' | 'name' | 'userId'];
        if (value === null) problems.push({ path, token: `{{${name}}}`, message: `HelpCrunch has no ${name.slice('customer.'.length)} for this customer.` });
        return value;
      }
      default:
        return values.get(name.slice('input.'.length)) ?? null;
    }
  };
  // "{{input.note}}" alone, for an optional field left empty: its key is not sent at all.
  const emptyOptional = (value: unknown): boolean => {
    if (typeof value !== 'string') return false;
    const { found } = placeholders(value);
    if (found.length !== 1 || found[0]!.start !== 0 || found[0]!.end !== value.length || !found[0]!.name.startsWith('input.')) return false;
    const key = found[0]!.name.slice('input.'.length);
    return values.has(key) && values.get(key) === null;
  };
  const substitute = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      const { found } = placeholders(value);
      // Exactly one placeholder and nothing else: its value keeps its type (a number stays a number).
      if (found.length === 1 && found[0]!.start === 0 && found[0]!.end === value.length) return valueOf(found[0]!.name, path);
      let text = '';
      let from = 0;
      for (const { start, end, name } of found) {
        const resolved = valueOf(name, path);
        text += value.slice(from, start) + (resolved === null ? '' : String(resolved));
        from = end;
      }
      return text + value.slice(from);
    }
    if (Array.isArray(value)) return value.map((item, index) => substitute(item, `${path}[${index}]`));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        if (emptyOptional(item)) continue;
        const resolved = substitute(item, path === '' ? key : `${path}.${key}`);
        // "__proto__" as a data key stays a plain own key: assigning it would set the prototype.
        if (key === '__proto__') Object.defineProperty(out, key, { value: resolved, enumerable: true, writable: true, configurable: true });
        else out[key] = resolved;
      }
      return out;
    }
    return value;
  };
  const data = substitute(template, '') as Record<string, unknown>;
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data };
}

/**
 * A template is checked once per (template, fields) pair: a saved event resolved for many customers
 * or many times a day is the same objects each time.
 */
const checked = new WeakMap<object, { inputs: readonly InputField[]; problems: TemplateProblem[] }>();
function checkedOnce(template: Record<string, unknown>, inputs: readonly InputField[]): TemplateProblem[] {
  const cached = checked.get(template);
  if (cached && cached.inputs === inputs) return cached.problems;
  const problems = checkTemplate(template, inputs);
  checked.set(template, { inputs, problems });
  return problems;
}

/** The `{{input.<key>}}` names a template uses, in order of first use. */
export function inputsUsed(template: unknown): string[] {
  const keys: string[] = [];
  try {
    walk(
      template,
      '',
      (text) => {
        if (text.length > TEMPLATE_STRING_MAX) return;
        for (const { name } of placeholders(text).found) {
          const key = /^input\.([A-Za-z][A-Za-z0-9_]{0,39})$/.exec(name)?.[1];
          if (key && !keys.includes(key)) keys.push(key);
        }
      },
      () => {},
    );
  } catch {
    // Too deep: checkTemplate says so.
  }
  return keys;
}
