/** The JSON types a key's value may have, as the form offers them; "any" leaves the type out. */
export const KEY_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null', 'any'] as const;

/** One key of the event's data as the form edits it. */
export interface KeyRow {
  key: string;
  /** One of KEY_TYPES, or several joined by ", " when history saw several (kept as they were). */
  type: string;
  required: boolean;
  /** The allowed values, one per line; empty: any value. */
  choices: string;
  /** Everything else the schema said about the key (format, minimum…): kept as it was. */
  rest: Record<string, unknown>;
}

/** A schema's top-level keys as rows; anything the rows cannot show stays in `rest` and in the schema's other parts. */
export function rowsOf(schema: Record<string, unknown>): KeyRow[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((item): item is string => typeof item === 'string') : []);
  return Object.entries(properties).map(([key, value]) => {
    const property = isObject(value) ? value : {};
    const { type, enum: choices, ...rest } = property;
    return {
      key,
      type: typeof type === 'string' ? type : Array.isArray(type) ? type.join(', ') : 'any',
      required: required.has(key),
      choices: Array.isArray(choices) ? choices.map((choice) => (typeof choice === 'string' ? choice : JSON.stringify(choice))).join('\n') : '',
      rest,
    };
  });
}

/**
 * The schema the rows say, on top of the schema they came from (its other keywords kept): the
 * `properties` and `required` written again from the rows, in their order.
 */
export function schemaOf(base: Record<string, unknown>, rows: readonly KeyRow[]): Record<string, unknown> {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key === '') continue;
    const property: Record<string, unknown> = {};
    const types = row.type.split(',').map((type) => type.trim()).filter((type) => type !== '' && type !== 'any');
    if (types.length === 1) property.type = types[0];
    else if (types.length > 1) property.type = types;
    const choices = row.choices.split('\n').map((choice) => choice.trim()).filter((choice) => choice !== '');
    if (choices.length > 0) property.enum = [...new Set(choices)].map((choice) => choiceValue(choice, types));
    Object.assign(property, row.rest);
    // A format or a range only fits its own type: a row changed to another type drops them.
    if (types.length === 1 && types[0] !== 'string') delete property.format;
    properties[key] = property;
  }
  const required = rows.filter((row) => row.required && row.key.trim() !== '').map((row) => row.key.trim());
  const schema: Record<string, unknown> = { ...base, type: 'object', properties };
  if (required.length > 0) schema.required = [...new Set(required)];
  else delete schema.required;
  return schema;
}

/** A typed-in choice as the value the type expects: "3" is 3 for a number key, text otherwise. */
function choiceValue(choice: string, types: string[]): unknown {
  if (types.length === 1 && (types[0] === 'number' || types[0] === 'integer') && Number.isFinite(Number(choice))) return Number(choice);
  if (types.length === 1 && types[0] === 'boolean' && (choice === 'true' || choice === 'false')) return choice === 'true';
  return choice;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
