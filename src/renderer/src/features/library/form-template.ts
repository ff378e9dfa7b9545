import { inputsUsed, type InputField, type InputType } from '../../../../shared/template.ts';

/**
 * The form builder's model: the fields (in form order) and the data template they write. The
 * builder owns one top-level data key per field ("amount": "{{input.amount}}"); anything else in
 * the template (a developer's "{{now}}", nested objects) is left as it is. Pure functions, so the
 * JSON view and the builder stay in step both ways and can be tested without a window.
 */
export interface FormTemplate {
  fields: InputField[];
  template: Record<string, unknown>;
}

export const TYPE_LABELS: Record<InputType, string> = { text: 'Text', longtext: 'Long text', number: 'Number', yesno: 'Yes/no', date: 'Date', choice: 'Choice' };

const placeholder = (key: string) => `{{input.${key}}}`;

/** A data key from a label: "Refund amount (€)" → "refund_amount". */
export function keyFromLabel(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const key = /^[a-z]/.test(words) ? words : `field_${words}`.replace(/_+$/, '');
  return key.slice(0, 40).replace(/_+$/, '') || 'field';
}

function unusedKey(wanted: string, fields: readonly InputField[], except = -1): string {
  const taken = (key: string) => fields.some((field, index) => index !== except && field.key === key);
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n += 1) {
    const key = `${wanted.slice(0, 36)}_${n}`;
    if (!taken(key)) return key;
  }
}

/** The label a key gets when a developer wrote the placeholder first: "order_id" → "Order id". */
export function labelFromKey(key: string): string {
  return key.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

/** The choices a new choice field starts with (in English; the builder passes the window's language). */
const DEFAULT_CHOICES = ['Option 1', 'Option 2'];

/**
 * Adds a field of a type at the end of the form, and its key to the data. `label` and `choices` are
 * what a new field starts with, in the window's language (English by default).
 */
export function addField(form: FormTemplate, type: InputType, label = `New ${TYPE_LABELS[type].toLowerCase()} field`, choices: readonly string[] = DEFAULT_CHOICES): FormTemplate {
  const key = unusedKey(keyFromLabel(label), form.fields);
  const field: InputField = { key, label, type, required: false, choices: type === 'choice' ? [...choices] : [] };
  return { fields: [...form.fields, field], template: { ...form.template, [key]: placeholder(key) } };
}

/** Removes a field and the data key that was only its placeholder. */
export function removeField(form: FormTemplate, index: number): FormTemplate {
  const field = form.fields[index];
  if (!field) return form;
  const template = Object.fromEntries(Object.entries(form.template).filter(([, value]) => value !== placeholder(field.key)));
  // Placeholders of this field elsewhere (inside a sentence, nested) would no longer have a field: they go too.
  return { fields: form.fields.filter((_, at) => at !== index), template: stripPlaceholder(template, field.key) as Record<string, unknown> };
}

function stripPlaceholder(value: unknown, key: string): unknown {
  if (typeof value === 'string') return value.split(placeholder(key)).join('');
  if (Array.isArray(value)) return value.map((item) => stripPlaceholder(item, key));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, stripPlaceholder(item, key)]));
  return value;
}

/** Moves a field up (-1) or down (+1) in the form; the data keys it owns follow the form's order. */
export function moveField(form: FormTemplate, index: number, delta: -1 | 1): FormTemplate {
  const target = index + delta;
  if (target < 0 || target >= form.fields.length) return form;
  const fields = [...form.fields];
  [fields[index], fields[target]] = [fields[target]!, fields[index]!];
  return { fields, template: orderedLike(form.template, fields) };
}

/** The template with the builder's own keys in the form's order, after everything else. */
function orderedLike(template: Record<string, unknown>, fields: readonly InputField[]): Record<string, unknown> {
  const owned = new Set(fields.filter((field) => template[field.key] === placeholder(field.key)).map((field) => field.key));
  const rest = Object.entries(template).filter(([key]) => !owned.has(key));
  return Object.fromEntries([...rest, ...fields.filter((field) => owned.has(field.key)).map((field) => [field.key, template[field.key]] as const)]);
}

/**
 * Changes a field. A new label carries the data key along while the key still is the old label's
 * (so "Amount" makes "amount"); a new key renames the placeholder everywhere in the template.
 */
export function updateField(form: FormTemplate, index: number, change: Partial<InputField>, choices: readonly string[] = DEFAULT_CHOICES): FormTemplate {
  const field = form.fields[index];
  if (!field) return form;
  let next: InputField = { ...field, ...change };
  if (change.type === 'yesno') next = { ...next, required: false, default: next.default === 'yes' ? 'yes' : undefined };
  if (change.type && change.type !== field.type && change.type !== 'yesno' && field.type === 'yesno') next = { ...next, default: undefined };
  if (change.type === 'choice' && next.choices.length === 0) next = { ...next, choices: [...choices] };
  if (change.label !== undefined && change.key === undefined && field.key === unusedKey(keyFromLabel(field.label), form.fields, index) && change.label.trim() !== '') {
    next = { ...next, key: unusedKey(keyFromLabel(change.label), form.fields, index) };
  }
  const fields = form.fields.map((item, at) => (at === index ? next : item));
  if (next.key === field.key) return { fields, template: form.template };
  return { fields, template: renameKey(form.template, field.key, next.key) };
}

function renameKey(template: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const rename = (value: unknown): unknown => {
    if (typeof value === 'string') return value.split(placeholder(from)).join(placeholder(to));
    if (Array.isArray(value)) return value.map(rename);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, rename(item)]));
    return value;
  };
  // The data key owned by the field is renamed with it, keeping its place.
  return Object.fromEntries(Object.entries(template).map(([name, value]) => [name === from && value === placeholder(from) ? to : name, rename(value)]));
}

/**
 * The fields a template written by hand asks for: one per {{input.<key>}}, in order of first use,
 * keeping what was declared before for a key that stays; a new key becomes an optional text field.
 */
export function fieldsFor(template: Record<string, unknown>, previous: readonly InputField[]): InputField[] {
  const used = inputsUsed(template);
  const kept = previous.filter((field) => used.includes(field.key));
  const added = used.filter((key) => !previous.some((field) => field.key === key)).map((key): InputField => ({ key, label: labelFromKey(key), type: 'text', required: false, choices: [] }));
  return [...kept, ...added];
}

/** The JSON view's text, or what is wrong with it. */
export function parseTemplateText(text: string): { template: Record<string, unknown> } | { problem: string; code: 'syntax' | 'not-object'; detail: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // `code` and `detail` let the window say it in its language; the parser's own words stay as they are.
    return { problem: `Not valid JSON: ${(error as Error).message}`, code: 'syntax', detail: (error as Error).message };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: 'The data template must be a JSON object, like {"amount": "{{input.amount}}"}.', code: 'not-object', detail: '' };
  return { template: value as Record<string, unknown> };
}

/** What the quick-log form starts with for a saved event: each field's default, and "no" for an unticked yes/no. */
export function initialInputs(fields: readonly InputField[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field.key, field.type === 'yesno' ? (field.default === 'yes' ? 'yes' : 'no') : (field.default ?? '')]));
}
