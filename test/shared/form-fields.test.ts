import { describe, expect, it } from 'vitest';
import { savedEventDraftSchema } from '../../src/shared/saved-events.ts';
import { inputValue, resolveTemplate, type InputField } from '../../src/shared/template.ts';

const context = { now: new Date('2026-11-25T10:00:00Z'), uuid: () => 'u', customer: null, inputs: {} };
const field = (change: Partial<InputField>): InputField => ({ key: 'k', label: 'K', type: 'text', required: false, choices: [], ...change });

describe('form fields: yes/no, optional, defaults, long text', () => {
  it('a yes/no field is always answered: empty or "no" is false, even if it was saved as required', () => {
    expect(inputValue(field({ type: 'yesno', required: true, label: 'Urgent' }), '')).toEqual({ value: false });
    expect(inputValue(field({ type: 'yesno' }), 'no')).toEqual({ value: false });
    expect(inputValue(field({ type: 'yesno' }), 'yes')).toEqual({ value: true });
    const draft = savedEventDraftSchema.parse({ title: 't', name: 'n', template: { urgent: '{{input.urgent}}' }, fields: [field({ key: 'urgent', type: 'yesno', required: true })] });
    expect(draft.fields[0]!.required).toBe(false);
  });

  it('an optional field left empty is left out of the data (not null); inside a sentence it is empty text', () => {
    const fields = [field({ key: 'note' }), field({ key: 'amount', type: 'number', required: true, label: 'Amount' })];
    expect(resolveTemplate({ note: '{{input.note}}', amount: '{{input.amount}}', line: 'Note: {{input.note}}' }, fields, { ...context, inputs: { note: ' ', amount: '3' } })).toEqual({ ok: true, data: { amount: 3, line: 'Note: ' } });
    expect(resolveTemplate({ note: '{{input.note}}' }, fields.slice(0, 1), { ...context, inputs: { note: 'hi' } })).toEqual({ ok: true, data: { note: 'hi' } });
  });

  it('a default is used when the input is not given at all (the CLI), not when it was emptied in the form', () => {
    const currency = field({ key: 'currency', type: 'choice', choices: ['USD', 'EUR'], default: 'EUR', required: true, label: 'Currency' });
    expect(inputValue(currency, undefined)).toEqual({ value: 'EUR' });
    expect(inputValue(currency, '')).toEqual({ problem: 'Currency is required.' });
  });

  it('defaults and choices are checked when saving', () => {
    const base = { title: 't', name: 'n', template: { a: '{{input.a}}' } };
    expect(savedEventDraftSchema.safeParse({ ...base, fields: [field({ key: 'a', type: 'number', default: 'ten', label: 'Amount' })] }).error?.issues[0]?.message).toBe('Default: Amount must be a number, like 20 or 19.99.');
    expect(savedEventDraftSchema.safeParse({ ...base, fields: [field({ key: 'a', type: 'choice', label: 'Plan' })] }).error?.issues[0]?.message).toBe('Give "Plan" at least one choice.');
    expect(savedEventDraftSchema.safeParse({ ...base, fields: [field({ key: 'a', type: 'choice', choices: ['X'], default: 'Y', label: 'Plan' })] }).success).toBe(false);
  });

  it('long text takes up to 5,000 characters; a one-line text 1,000', () => {
    expect(inputValue(field({ type: 'longtext' }), 'x'.repeat(5000))).toEqual({ value: 'x'.repeat(5000) });
    expect(inputValue(field({ type: 'text' }), 'x'.repeat(1001))).toHaveProperty('problem');
  });
});
