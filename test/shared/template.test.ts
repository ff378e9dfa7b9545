import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTemplate, inputsUsed, resolveTemplate, TEMPLATE_STRING_MAX, type InputField } from '../../src/shared/template.ts';

const fields: InputField[] = [
  { key: 'amount', label: 'Amount', type: 'number', required: true, choices: [] },
  { key: 'reason', label: 'Reason', type: 'choice', required: false, choices: ['Damaged', 'Late'] },
  { key: 'vip', label: 'VIP', type: 'yesno', required: false, choices: [] },
  { key: 'note', label: 'Note', type: 'text', required: false, choices: [] },
  { key: 'on', label: 'On', type: 'date', required: false, choices: [] },
];
const context = {
  now: new Date('2026-11-25T10:11:12.345Z'),
  uuid: () => '00000000-0000-4000-8000-000000000000',
  customer: { id: 1001, email: 'ada@example.com', name: 'Ada Lovelace', userId: null },
  inputs: { amount: '20', reason: 'Damaged', vip: 'yes', note: 'left at the door', on: '2026-11-24' },
};

describe('placeholders and types', () => {
  it.each([
    ['{{now}}', '2026-11-25T10:11:12.345Z'],
    ['{{now.unix}}', 1795601472],
    ['{{today}}', '2026-11-25'],
    ['{{uuid}}', '00000000-0000-4000-8000-000000000000'],
    ['{{customer.id}}', 1001],
    ['{{customer.email}}', 'ada@example.com'],
    ['{{customer.name}}', 'Ada Lovelace'],
    ['{{input.amount}}', 20],
    ['{{ input.amount }}', 20],
    ['{{input.vip}}', true],
    ['{{input.reason}}', 'Damaged'],
    ['{{input.on}}', '2026-11-24'],
    ['Refund of {{input.amount}} EUR for {{customer.name}}', 'Refund of 20 EUR for Ada Lovelace'],
    ['no placeholders here', 'no placeholders here'],
  ])('%s → %j', (value, expected) => {
    const result = resolveTemplate({ value }, fields, context);
    expect(result).toEqual({ ok: true, data: { value: expected } });
  });

  it('nested objects and arrays are resolved; other JSON values are kept', () => {
    const result = resolveTemplate({ items: [{ at: '{{today}}' }, 3, null, true], meta: { by: '{{customer.id}}' } }, fields, context);
    expect(result).toEqual({ ok: true, data: { items: [{ at: '2026-11-25' }, 3, null, true], meta: { by: 1001 } } });
  });

  it('lists the input fields a template uses', () => {
    expect(inputsUsed({ a: '{{input.amount}} {{input.note}}', b: ['{{input.amount}}'] })).toEqual(['amount', 'note']);
  });
});

describe('bad and hostile templates are refused with a message, never evaluated', () => {
  it.each([
    [{ a: '{{nwo}}' }, 'Unknown placeholder {{nwo}}'],
    [{ a: '{{now' }, 'not closed'],
    [{ a: '{{ }}' }, 'empty placeholder'],
    [{ a: '{{ {{now}} }}' }, 'cannot be nested'],
    [{ a: '{{input.missing}}' }, 'no input field "missing"'],
    [{ a: "{{constructor.constructor('x')()}}" }, 'Unknown placeholder'],
    [{ a: '{{__proto__}}' }, 'Unknown placeholder'],
    [{ a: '{{input.__proto__}}' }, 'is not a field name'],
    [{ a: '{{process.env.HOME}}' }, 'Unknown placeholder'],
    [{ a: '{{customer.toString}}' }, 'Unknown placeholder'],
    [{ '{{now}}': 'x' }, 'only in values, never in keys'],
    [{ a: 'x'.repeat(1024 * 1024) }, 'longer than 10000 characters'],
    [[1, 2], 'must be a JSON object'],
  ])('%j', (template, message) => {
    const problems = checkTemplate(template, fields);
    expect(problems.map((problem) => problem.message).join(' | ')).toContain(message);
  });

  it('__proto__ as a data key stays a plain key and pollutes nothing', () => {
    const template = JSON.parse('{"__proto__": {"polluted": "{{now}}"}, "a": "{{today}}"}') as Record<string, unknown>;
    const result = resolveTemplate(template, fields, context);
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn((result as { data: Record<string, unknown> }).data, '__proto__')).toBe(true);
  });

  it('inputs are checked against their declared types', () => {
    const result = resolveTemplate({ a: '{{input.amount}}' }, fields, { ...context, inputs: { amount: 'twenty', reason: 'Other', vip: 'maybe', on: '25/11/2026' } });
    expect(result.ok).toBe(false);
    expect((result as { problems: { message: string }[] }).problems.map((problem) => problem.message)).toEqual([
      'Amount must be a number, like 20 or 19.99.',
      'Reason must be one of: Damaged, Late.',
      'VIP: answer yes or no.',
      'On must be a date as YYYY-MM-DD.',
    ]);
    expect(resolveTemplate({ a: '{{input.amount}}' }, fields, { ...context, inputs: {} })).toMatchObject({ ok: false, problems: [{ message: 'Amount is required.' }] });
  });

  it('a customer placeholder without a customer, or a field HelpCrunch left empty, is said', () => {
    expect(resolveTemplate({ a: '{{customer.email}}' }, [], { ...context, customer: null, inputs: {} })).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('Choose a customer first') }] });
    expect(resolveTemplate({ a: '{{customer.userId}}' }, [], { ...context, inputs: {} })).toMatchObject({ ok: false, problems: [{ message: 'HelpCrunch has no userId for this customer.' }] });
  });
});

/** Checks and resolves one value, returning how long it took in ms. */
function timed(value: string): number {
  const started = performance.now();
  checkTemplate({ value }, fields);
  resolveTemplate({ value }, fields, context);
  inputsUsed({ value });
  return performance.now() - started;
}

// The budget is 5 ms; the bound here is generous because CI machines are shared and loaded.
const BOUND_MS = 200;

describe('hostile values are checked in time linear in their length', () => {
  const spaces = (length: number) => ' '.repeat(length);
  const limit = TEMPLATE_STRING_MAX - 10;
  it.each([
    ['spaces before a name, then text after the braces', `{{${spaces(limit)}now}}x`],
    ['spaces around a name', `{{${spaces(limit / 2)}now${spaces(limit / 2)}}}`],
    ['a valid whole placeholder padded with spaces', `{{${spaces(limit)}now}}`],
    ['open braces only', '{{ '.repeat(limit / 3)],
    ['braces without a name', '{{}}'.repeat(limit / 4)],
    ['alternating braces', '{}'.repeat(limit / 2)],
    ['64 KiB of spaces inside braces', `{{${spaces(64 * 1024)}now}}x`],
    ['64 KiB of open braces', '{'.repeat(64 * 1024)],
  ])('%s', (_label, value) => {
    const elapsed = timed(value);
    console.log(`template check, ${value.length} characters: ${elapsed.toFixed(2)} ms`);
    expect(elapsed).toBeLessThan(BOUND_MS);
  });

  it('a placeholder padded far beyond any name is refused with a line', () => {
    const problems = checkTemplate({ value: `{{${spaces(5000)}now}}x` }, fields);
    expect(problems).toMatchObject([{ path: 'value', message: expect.stringContaining('longer than 100 characters') }]);
  });

  it('random strings of braces, spaces and names: bounded time, never a throw', () => {
    const piece = fc.constantFrom('{', '}', '{{', '}}', ' ', '   ', '\n', 'now', 'input.amount', 'x', '.');
    const hostile = fc.oneof(
      fc.array(piece, { maxLength: 3000 }).map((pieces) => pieces.join('')),
      fc.tuple(piece, piece, fc.integer({ min: 1, max: TEMPLATE_STRING_MAX })).map(([left, right, count]) => `{{${left.repeat(count).slice(0, TEMPLATE_STRING_MAX - 20)}${right}}}x`),
    );
    let slowest = 0;
    fc.assert(
      fc.property(hostile, (value) => {
        const elapsed = timed(value);
        slowest = Math.max(slowest, elapsed);
        expect(elapsed).toBeLessThan(BOUND_MS);
      }),
      { numRuns: 300 },
    );
    console.log(`template check, slowest random value: ${slowest.toFixed(2)} ms`);
  });

  it('valid templates resolve to the text with each placeholder replaced', () => {
    const values: Record<string, string> = { now: '2026-11-25T10:11:12.345Z', today: '2026-11-25', uuid: '00000000-0000-4000-8000-000000000000', 'customer.email': 'ada@example.com', 'customer.id': '1001', 'input.note': 'left at the door', 'input.amount': '20' };
    // Literal text never holds a brace: next to a placeholder it would make a nested one.
    const literal = fc.string({ unit: fc.constantFrom('a', ' ', '.', '\n', 'é', '$', '&'), maxLength: 20 });
    const placeholder = fc.tuple(fc.constantFrom(...Object.keys(values)), fc.constantFrom('', ' ', '  ', '\t')).map(([name, pad]) => ({ name, token: `{{${pad}${name}${pad}}}` }));
    fc.assert(
      fc.property(fc.array(fc.tuple(literal, placeholder), { maxLength: 8 }), literal, (parts, tail) => {
        const template = parts.map(([text, { token }]) => text + token).join('') + tail;
        const expected = parts.map(([text, { name }]) => text + values[name]).join('') + tail;
        expect(checkTemplate({ value: template }, fields)).toEqual([]);
        const result = resolveTemplate({ value: template }, fields, context);
        const whole = parts.length === 1 && parts[0]![0] === '' && tail === '';
        // A value that is exactly one number placeholder keeps its type.
        const typed = whole && ['customer.id', 'input.amount'].includes(parts[0]![1].name) ? Number(expected) : expected;
        expect(result).toEqual({ ok: true, data: { value: typed } });
      }),
      { numRuns: 500 },
    );
  });
});
