import { describe, expect, it } from 'vitest';
import { fieldsFromPlan, inputTypeFor, planChoicesFor } from '../../src/renderer/src/features/library/plan-fields.ts';
import type { DefinitionKey, DefinitionSummary } from '../../src/shared/plan-fields.ts';
import { checkTemplate } from '../../src/shared/template.ts';

const key = (name: string, rest: Partial<DefinitionKey> = {}): DefinitionKey => ({ key: name, types: ['string'], required: false, choices: [], format: null, description: null, ...rest });
const summary = (keys: DefinitionKey[]): DefinitionSummary => ({ name: 'Plan changed', status: 'active', enforcement: 'warn', keys, truncated: false });

describe('fields from the plan', () => {
  it('picks the field type that writes what each key expects', () => {
    expect(inputTypeFor(key('a', { types: ['number'] }))).toBe('number');
    expect(inputTypeFor(key('a', { types: ['integer', 'null'] }))).toBe('number');
    expect(inputTypeFor(key('a', { types: ['boolean'] }))).toBe('yesno');
    expect(inputTypeFor(key('a', { choices: ['x', 'y'] }))).toBe('choice');
    expect(inputTypeFor(key('a', { format: 'date' }))).toBe('date');
    expect(inputTypeFor(key('a', { format: 'date-time' }))).toBe('text');
    expect(inputTypeFor(key('a', { types: ['object'] }))).toBeNull();
    expect(inputTypeFor(key('a', { types: ['number'], choices: [1, 2] }))).toBe('number');
    expect(inputTypeFor(key('a', { types: [] }))).toBe('text');
  });

  it('adds one field per planned key, bound to its data key, and keeps what the template sets otherwise', () => {
    const form = { fields: [{ key: 'seats', label: 'Seats', type: 'text' as const, required: false, choices: [] }], template: { seats: '{{input.seats}}', at: '{{now}}' } };
    const result = fieldsFromPlan(form, summary([key('at', { format: 'date-time' }), key('meta', { types: ['object'] }), key('plan', { required: true, choices: ['starter', 'team'] }), key('seats', { types: ['integer'], required: true }), key('trial', { types: ['boolean'], required: true }), key('Order-ID')]), 'A date and time');
    expect(result.added).toEqual(['plan', 'trial', 'Order-ID']);
    expect(result.updated).toEqual(['seats']);
    expect(result.skipped).toEqual(['at', 'meta']);
    expect(result.form.template).toEqual({ seats: '{{input.seats}}', at: '{{now}}', plan: '{{input.plan}}', trial: '{{input.trial}}', 'Order-ID': '{{input.order_id}}' });
    expect(result.form.fields).toEqual([
      { key: 'seats', label: 'Seats', type: 'number', required: true, choices: [] },
      { key: 'plan', label: 'Plan', type: 'choice', required: true, choices: ['starter', 'team'] },
      // A yes/no field is always answered: never "required".
      { key: 'trial', label: 'Trial', type: 'yesno', required: false, choices: [] },
      { key: 'order_id', label: 'Order-ID', type: 'text', required: false, choices: [] },
    ]);
    expect(checkTemplate(result.form.template, result.form.fields)).toEqual([]);
    // Asked again, nothing changes.
    const again = fieldsFromPlan(result.form, summary([key('plan', { required: true, choices: ['starter', 'team'] })]), '');
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual([]);
  });

  it('stops at 20 fields', () => {
    const result = fieldsFromPlan({ fields: [], template: {} }, summary(Array.from({ length: 25 }, (_, index) => key(`k${index}`))), '');
    expect(result.form.fields).toHaveLength(20);
    expect(result.skipped).toHaveLength(5);
  });

  it("offers the plan's choices for a free-text field bound to a key with allowed values", () => {
    const fields = [
      { key: 'plan', label: 'Plan', type: 'text' as const, required: false, choices: [] },
      { key: 'note', label: 'Note', type: 'text' as const, required: false, choices: [] },
      { key: 'size', label: 'Size', type: 'choice' as const, required: false, choices: ['s'] },
    ];
    const template = { plan: '{{input.plan}}', note: 'Plan: {{input.note}}', size: '{{input.size}}' };
    expect(planChoicesFor(fields, template, summary([key('plan', { choices: ['a', 'b'] }), key('note', { choices: ['x'] }), key('size', { choices: ['m'] })]))).toEqual({ plan: ['a', 'b'] });
    expect(planChoicesFor(fields, template, null)).toEqual({});
  });
});
