import { describe, expect, it } from 'vitest';
import { savedEventDraftSchema } from '../../src/shared/saved-events.ts';
import { STARTER_EVENTS } from '../../src/shared/starter-events.ts';
import { inputsUsed, resolveTemplate } from '../../src/shared/template.ts';

const context = { now: new Date('2026-11-25T10:00:00Z'), uuid: () => 'u', customer: { id: 1001, email: 'ada@example.com', name: 'Ada Lovelace', userId: null }, inputs: {} };

describe('starter events', () => {
  it('are the six common support actions, each a valid saved event with a form', () => {
    expect(STARTER_EVENTS.map((starter) => starter.title)).toEqual(['Call made', 'Refund issued', 'Plan changed', 'Ticket escalated', 'Onboarding step done', 'Note added']);
    for (const starter of STARTER_EVENTS) {
      const parsed = savedEventDraftSchema.safeParse(starter);
      expect(parsed.success, `${starter.title}: ${parsed.error?.message}`).toBe(true);
      expect(parsed.data!.fields.length).toBeGreaterThan(0);
      // Every field is asked for by the template, and nothing else is.
      expect(inputsUsed(starter.template).toSorted()).toEqual(parsed.data!.fields.map((field) => field.key).toSorted());
    }
  });

  it('refund: amount a required number, currency a choice (USD by default), reason optional long text left out when empty', () => {
    const refund = savedEventDraftSchema.parse(STARTER_EVENTS.find((starter) => starter.title === 'Refund issued'));
    expect(refund.fields.map(({ key, type, required }) => ({ key, type, required }))).toEqual([
      { key: 'amount', type: 'number', required: true },
      { key: 'currency', type: 'choice', required: true },
      { key: 'reason', type: 'longtext', required: false },
    ]);
    expect(resolveTemplate(refund.template, refund.fields, { ...context, inputs: { amount: '19.99' } })).toEqual({ ok: true, data: { amount: 19.99, currency: 'USD', at: '2026-11-25T10:00:00.000Z' } });
    expect(resolveTemplate(refund.template, refund.fields, { ...context, inputs: { amount: '' } })).toMatchObject({ ok: false, problems: [{ message: 'Amount is required.' }] });
  });

  it('ticket escalated: an unticked "Urgent" is sent as false, never "required"', () => {
    const escalated = savedEventDraftSchema.parse(STARTER_EVENTS.find((starter) => starter.title === 'Ticket escalated'));
    const result = resolveTemplate(escalated.template, escalated.fields, { ...context, inputs: { team: 'Billing', urgent: 'no', summary: 'Card declined twice' } });
    expect(result).toMatchObject({ ok: true, data: { team: 'Billing', urgent: false, summary: 'Card declined twice' } });
    expect(resolveTemplate(escalated.template, escalated.fields, { ...context, inputs: { team: 'Billing', urgent: '', summary: 's' } })).toMatchObject({ ok: true, data: { urgent: false } });
  });
});
