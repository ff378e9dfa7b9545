import { describe, expect, it } from 'vitest';
import { checkTemplate, inputsUsed, resolveTemplate, type InputField } from '../../src/shared/template.ts';

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
