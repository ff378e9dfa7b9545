import type { DefinitionKey, DefinitionSummary } from '../../../../shared/plan-fields.ts';
import type { InputField, InputType } from '../../../../shared/template.ts';
import { keyFromLabel, labelFromKey, type FormTemplate } from './form-template.ts';

/** A form has at most this many fields (the quick log sends at most 20 inputs). */
const FIELDS_MAX = 20;
const placeholder = (key: string) => `{{input.${key}}}`;

/** The string choices a key allows, when a choice field can offer them all (1–100 characters, at most 50). */
export function stringChoices(key: DefinitionKey): string[] | null {
  if (key.choices.length === 0 || key.choices.length > 50) return null;
  if (!key.choices.every((value) => typeof value === 'string' && value.trim() !== '' && value.length <= 100)) return null;
  if (key.types.length > 0 && !key.types.includes('string')) return null;
  return key.choices as string[];
}

/** The input type that writes what a key of the plan expects; null when no form field can (objects, arrays). */
export function inputTypeFor(key: DefinitionKey): InputType | null {
  const types = key.types.filter((type) => type !== 'null');
  if (stringChoices(key)) return 'choice';
  if (types.length === 0) return key.choices.length > 0 ? null : 'text';
  if (types.every((type) => type === 'number' || type === 'integer')) return 'number';
  if (types.every((type) => type === 'boolean')) return 'yesno';
  if (!types.includes('string')) return null;
  // A date field writes YYYY-MM-DD: it fits "date"; "date-time" has no field of its own, so it stays text (with a hint).
  return key.format === 'date' ? 'date' : 'text';
}

export interface PlanFieldsResult {
  form: FormTemplate;
  /** Data keys given a new field. */
  added: string[];
  /** Fields already bound to a planned key whose type, choices or "required" now follow the plan. */
  updated: string[];
  /** Planned keys left as they were: the template sets them otherwise, no field can write them, or the form is full. */
  skipped: string[];
}

/**
 * The form's fields as the plan's definition proposes them: one field per top-level key of the
 * definition (number → number, a string with allowed values → choice, format date → date,
 * boolean → yes/no), required as the plan says, each bound to its data key ({"plan": "{{input.plan}}"}).
 * A key the template already binds to a field updates that field; a key the template sets otherwise
 * ("{{now}}", a fixed value) is left as written. `dateTimeHelp` is the hint a date-time text field gets.
 */
export function fieldsFromPlan(form: FormTemplate, summary: DefinitionSummary, dateTimeHelp: string): PlanFieldsResult {
  let fields = [...form.fields];
  const template = { ...form.template };
  const added: string[] = [];
  const updated: string[] = [];
  const skipped: string[] = [];
  for (const key of summary.keys) {
    const type = inputTypeFor(key);
    const bound = fields.findIndex((field) => template[key.key] === placeholder(field.key));
    if (type === null || (bound === -1 && Object.hasOwn(template, key.key))) {
      skipped.push(key.key);
      continue;
    }
    const planned = {
      type,
      required: type === 'yesno' ? false : key.required,
      choices: type === 'choice' ? stringChoices(key)! : [],
    };
    const help = key.description ?? (key.format === 'date-time' && type === 'text' ? dateTimeHelp : undefined);
    if (bound !== -1) {
      const field = fields[bound]!;
      if (field.type === planned.type && field.required === planned.required && field.choices.join('\n') === planned.choices.join('\n')) continue;
      const next: InputField = { ...field, ...planned };
      // A default the new type cannot take is dropped (a "yes" default on a number field).
      if (next.type !== field.type) delete next.default;
      fields = fields.map((item, at) => (at === bound ? next : item));
      updated.push(key.key);
      continue;
    }
    if (fields.length >= FIELDS_MAX) {
      skipped.push(key.key);
      continue;
    }
    const inputKey = unusedKey(keyFromLabel(key.key), fields);
    const field: InputField = { key: inputKey, label: labelFromKey(key.key).slice(0, 80), ...planned, ...(help ? { help: help.slice(0, 200) } : {}) };
    fields = [...fields, field];
    template[key.key] = placeholder(inputKey);
    added.push(key.key);
  }
  return { form: { fields, template }, added, updated, skipped };
}

function unusedKey(wanted: string, fields: readonly InputField[]): string {
  if (!fields.some((field) => field.key === wanted)) return wanted;
  for (let n = 2; ; n += 1) {
    const key = `${wanted.slice(0, 36)}_${n}`;
    if (!fields.some((field) => field.key === key)) return key;
  }
}

/**
 * The choices the plan allows for the quick log's text fields that offer none: by field key, for a
 * field bound to a data key ({"plan": "{{input.plan}}"}) whose definition lists its allowed strings.
 */
export function planChoicesFor(fields: readonly InputField[], template: Record<string, unknown>, summary: DefinitionSummary | null | undefined): Record<string, string[]> {
  if (!summary) return {};
  const choices: Record<string, string[]> = {};
  for (const key of summary.keys) {
    const allowed = stringChoices(key);
    if (!allowed) continue;
    const field = fields.find((candidate) => template[key.key] === placeholder(candidate.key));
    if (field && field.type === 'text' && field.choices.length === 0) choices[field.key] = allowed;
  }
  return choices;
}
