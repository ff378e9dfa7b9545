import { describe, expect, it } from 'vitest';
import { dataPath, SchemaCompiler } from '../../src/main/plan/validator.ts';
import { schemaProblems } from '../../src/main/plan/schema-rules.ts';

const compiler = new SchemaCompiler();
const check = (schema: Record<string, unknown>, data: unknown) => compiler.compile({ type: 'object', ...schema }).check(data);

/** [keyword, schema, passing data, failing data, the violation it gives]. */
const TABLE: [string, Record<string, unknown>, unknown, unknown, { path: string; message: string }][] = [
  ['required', { required: ['amount'] }, { amount: 1 }, {}, { path: 'data.amount', message: 'missing (required)' }],
  ['type number', { properties: { amount: { type: 'number' } } }, { amount: 20.5 }, { amount: '20' }, { path: 'data.amount', message: 'expected number' }],
  ['type integer', { properties: { count: { type: 'integer' } } }, { count: 3 }, { count: 3.5 }, { path: 'data.count', message: 'expected integer' }],
  ['type union', { properties: { note: { type: ['string', 'null'] } } }, { note: null }, { note: 5 }, { path: 'data.note', message: 'expected string or null' }],
  ['enum', { properties: { method: { enum: ['card', 'cash'] } } }, { method: 'cash' }, { method: 'cheque' }, { path: 'data.method', message: 'must be one of: card, cash' }],
  ['const', { properties: { version: { const: 2 } } }, { version: 2 }, { version: 1 }, { path: 'data.version', message: 'must be 2' }],
  ['format date-time', { properties: { at: { type: 'string', format: 'date-time' } } }, { at: '2026-01-31T09:30:00Z' }, { at: 'yesterday' }, { path: 'data.at', message: 'expected a date and time, like 2026-01-31T09:30:00Z' }],
  ['format email', { properties: { email: { type: 'string', format: 'email' } } }, { email: 'ada@example.com' }, { email: 'ada at example' }, { path: 'data.email', message: 'expected an email address' }],
  ['format uri', { properties: { page: { type: 'string', format: 'uri' } } }, { page: 'https://example.com/a?b=c' }, { page: 'not a uri' }, { path: 'data.page', message: 'expected a URI, like https://example.com/page' }],
  ['minimum', { properties: { amount: { type: 'number', minimum: 0 } } }, { amount: 0 }, { amount: -1 }, { path: 'data.amount', message: 'must be at least 0' }],
  ['maximum', { properties: { amount: { type: 'number', maximum: 100 } } }, { amount: 100 }, { amount: 100.01 }, { path: 'data.amount', message: 'must be at most 100' }],
  ['exclusiveMinimum', { properties: { amount: { exclusiveMinimum: 0 } } }, { amount: 0.1 }, { amount: 0 }, { path: 'data.amount', message: 'must be greater than 0' }],
  ['minLength', { properties: { reason: { type: 'string', minLength: 3 } } }, { reason: 'abc' }, { reason: 'ab' }, { path: 'data.reason', message: 'must be at least 3 characters' }],
  ['maxLength', { properties: { reason: { type: 'string', maxLength: 1 } } }, { reason: 'a' }, { reason: 'ab' }, { path: 'data.reason', message: 'must be at most 1 character' }],
  ['additionalProperties false', { properties: { amount: {} }, additionalProperties: false }, { amount: 1 }, { amount: 1, amuont: 2 }, { path: 'data.amuont', message: 'not in the plan (no other keys are allowed)' }],
  ['items', { properties: { skus: { type: 'array', items: { type: 'string' } } } }, { skus: ['a'] }, { skus: ['a', 2] }, { path: 'data.skus[1]', message: 'expected string' }],
  ['nested required', { properties: { card: { type: 'object', required: ['last4'] } } }, { card: { last4: '4242' } }, { card: {} }, { path: 'data.card.last4', message: 'missing (required)' }],
];

describe('the plan\'s validator: each keyword in plain words', () => {
  it.each(TABLE)('%s', (_keyword, schema, good, bad, violation) => {
    expect(check(schema, good)).toEqual([]);
    expect(check(schema, bad)).toEqual([violation]);
  });

  it('lists every violation at once, not the first only', () => {
    const violations = check({ required: ['amount', 'method'], properties: { amount: { type: 'number' }, method: { enum: ['card', 'cash'] } } }, { method: 'x' });
    expect(violations).toEqual(expect.arrayContaining([{ path: 'data.amount', message: 'missing (required)' }, { path: 'data.method', message: 'must be one of: card, cash' }]));
    expect(violations).toHaveLength(2);
  });

  it('writes odd keys so they can be found: data["a.b"], data.items[0]', () => {
    expect(dataPath('')).toBe('data');
    expect(dataPath('/a.b')).toBe('data["a.b"]');
    expect(dataPath('/items/0/sku')).toBe('data.items[0].sku');
    expect(dataPath('/a~1b')).toBe('data["a/b"]');
  });
});

describe('the keywords a plan may use', () => {
  it('allows the listed keywords and refuses the rest with their place', () => {
    expect(schemaProblems({ type: 'object', properties: { a: { type: 'string', format: 'email', maxLength: 5 } }, required: ['a'], additionalProperties: false })).toEqual([]);
    expect(schemaProblems({ type: 'object', properties: { a: { pattern: '(a+)+$' } } })).toEqual([{ path: ['schema', 'properties', 'a', 'pattern'], message: expect.stringContaining('"pattern" is not a keyword a plan may use') }]);
    expect(schemaProblems({ type: 'object', $ref: 'https://evil.example/schema' })[0]?.path).toEqual(['schema', '$ref']);
    expect(schemaProblems({ type: 'object', properties: { a: { format: 'hostname-ish' } } })[0]?.message).toMatch(/must be one of: date-time/);
    expect(schemaProblems({ type: 'array' })[0]).toEqual({ path: ['schema', 'type'], message: expect.stringContaining('must be "object"') });
  });

  it('refuses a schema nested deeper than the limit, or too large, without recursing', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 100_000; level += 1) deep = { type: 'object', properties: { a: deep } };
    expect(schemaProblems(deep)[0]?.message).toMatch(/nested too deeply/);
    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 600 }, (_, index) => [`k${index}`, { type: 'string' }])) };
    expect(schemaProblems(wide)[0]?.message).toMatch(/too many keys/);
    expect(schemaProblems({ type: 'object', description: 'x'.repeat(5000) })[0]?.message).toMatch(/too long/);
  });
});

describe('a hostile definition cannot make a check\'s words grow with the data', () => {
  it('a 500-value enum of long strings on the items of a 2,000-item array: 50 violations at most, each short', () => {
    const values = Array.from({ length: 500 }, (_, index) => `${'v'.repeat(396)}${String(index).padStart(4, '0')}`);
    const schema = { type: 'object', properties: { items: { type: 'array', items: { enum: values } } } };
    const violations = compiler.compile(schema).check({ items: Array.from({ length: 2000 }, () => 'nope') });
    expect(violations).toHaveLength(50);
    for (const violation of violations) expect(violation.message.length).toBeLessThanOrEqual(300);
    expect(violations[0]).toEqual({ path: 'data.items[0]', message: expect.stringMatching(/^must be one of: v+…, v+…, .* and \d+ more$/) });
  });
});
