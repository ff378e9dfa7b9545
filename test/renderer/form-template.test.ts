import { describe, expect, it } from 'vitest';
import { addField, fieldsFor, initialInputs, keyFromLabel, moveField, parseTemplateText, removeField, updateField, type FormTemplate } from '../../src/renderer/src/features/library/form-template.ts';
import { savedEventDraftSchema } from '../../src/shared/saved-events.ts';

const empty: FormTemplate = { fields: [], template: { at: '{{now}}' } };

describe('the form builder writes the template', () => {
  it('adds four kinds of field, labels them (the data key follows the label), and the result is a valid saved event', () => {
    let form = addField(empty, 'number');
    form = updateField(form, 0, { label: 'Refund amount (€)', required: true });
    form = addField(form, 'choice');
    form = updateField(form, 1, { label: 'Currency', choices: ['USD', 'EUR'], default: 'EUR' });
    form = addField(form, 'yesno');
    form = updateField(form, 2, { label: 'Urgent' });
    form = addField(form, 'longtext');
    form = updateField(form, 3, { label: 'Note', help: 'Anything the team should know' });
    expect(form.template).toEqual({ at: '{{now}}', refund_amount: '{{input.refund_amount}}', currency: '{{input.currency}}', urgent: '{{input.urgent}}', note: '{{input.note}}' });
    expect(form.fields.map(({ key, type, required }) => [key, type, required])).toEqual([
      ['refund_amount', 'number', true],
      ['currency', 'choice', false],
      ['urgent', 'yesno', false],
      ['note', 'longtext', false],
    ]);
    expect(savedEventDraftSchema.safeParse({ title: 'Refund', name: 'Refund issued', ...form }).success).toBe(true);
    expect(initialInputs(form.fields)).toEqual({ refund_amount: '', currency: 'EUR', urgent: 'no', note: '' });
  });

  it('a key typed by hand stays when the label changes; renaming a key renames its placeholders everywhere', () => {
    let form = addField(empty, 'text');
    form = updateField(form, 0, { key: 'plan_name' });
    form = updateField(form, 0, { label: 'Plan' });
    expect(form.fields[0]!.key).toBe('plan_name');
    form = { ...form, template: { ...form.template, line: 'Plan {{input.plan_name}}' } };
    form = updateField(form, 0, { key: 'plan' });
    expect(form.template).toEqual({ at: '{{now}}', plan: '{{input.plan}}', line: 'Plan {{input.plan}}' });
  });

  it('reorders fields and their data keys; removes a field with its key; two new fields never share a key', () => {
    let form = addField(addField(empty, 'text'), 'text');
    expect(form.fields.map((field) => field.key)).toEqual(['new_text_field', 'new_text_field_2']);
    form = moveField(form, 1, -1);
    expect(form.fields.map((field) => field.key)).toEqual(['new_text_field_2', 'new_text_field']);
    expect(Object.keys(form.template)).toEqual(['at', 'new_text_field_2', 'new_text_field']);
    expect(moveField(form, 0, -1)).toBe(form);
    form = removeField(form, 0);
    expect(form.template).toEqual({ at: '{{now}}', new_text_field: '{{input.new_text_field}}' });
  });

  it('JSON typed by a developer gives the fields: kept ones keep their settings, new ones are optional text', () => {
    const form = updateField(addField(empty, 'number'), 0, { label: 'Amount', required: true });
    const parsed = parseTemplateText('{"amount": "{{input.amount}}", "order": "{{input.order_id}}"}');
    expect('template' in parsed).toBe(true);
    const fields = fieldsFor((parsed as { template: Record<string, unknown> }).template, form.fields);
    expect(fields).toEqual([form.fields[0], { key: 'order_id', label: 'Order id', type: 'text', required: false, choices: [] }]);
    expect(parseTemplateText('[1]')).toHaveProperty('problem');
    expect(parseTemplateText('{')).toHaveProperty('problem');
    expect(keyFromLabel('42 things')).toBe('field_42_things');
    expect(keyFromLabel('Überweisung')).toBe('uberweisung');
  });
});
