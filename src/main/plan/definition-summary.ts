import type { EventDefinition } from '../../shared/plan.ts';
import { SUMMARY_ENUM_MAX, SUMMARY_KEYS_MAX, type DefinitionKey, type DefinitionSummary } from '../../shared/plan-fields.ts';

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/**
 * The top level of a definition's data schema as a form builder needs it: each key with its types,
 * whether it is required, its allowed values and its format. Bounded (keys, values, text lengths):
 * a workspace file is hostile input and the window only needs enough to propose at most 20 fields.
 */
export function summarizeDefinition(definition: EventDefinition): DefinitionSummary {
  const schema = definition.schema;
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === 'string') : []);
  const names = Object.keys(properties).filter((key) => key.length > 0 && key.length <= 200);
  const keys = names.slice(0, SUMMARY_KEYS_MAX).map((key) => summarizeKey(key, properties[key], required.has(key)));
  return { name: definition.name, status: definition.status, enforcement: definition.enforcement, keys, truncated: names.length > SUMMARY_KEYS_MAX };
}

function summarizeKey(key: string, schema: unknown, required: boolean): DefinitionKey {
  const rule = isObject(schema) ? schema : {};
  const typed = Array.isArray(rule.type) ? rule.type : rule.type === undefined ? [] : [rule.type];
  const types = typed.filter((type): type is DefinitionKey['types'][number] => typeof type === 'string' && TYPES.has(type));
  const listed = Array.isArray(rule.enum) ? rule.enum : 'const' in rule ? [rule.const] : [];
  // Only scalar values can be offered as choices; a longer string would not fit a choice field anyway.
  const choices = listed.filter((value): value is string | number | boolean | null => value === null || typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length <= 200)).slice(0, SUMMARY_ENUM_MAX);
  const format = typeof rule.format === 'string' && rule.format.length <= 40 ? rule.format : null;
  const description = typeof rule.description === 'string' ? rule.description.slice(0, 200) : null;
  return { key, types: [...new Set(types)], required, choices, format, description };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
