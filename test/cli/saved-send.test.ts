import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockCliSession, STACK_TRACE } from './mock-session.ts';

// `event-desk send --saved` as a real subprocess: the saved event's default customer, --input keys
// checked against its fields, and every problem listed at once (never "And 1 more.").
const session = mockCliSession('event-desk-cli-saved-', (customers) => {
  // Customer 1023 has no email in the mock; without a name too, a template using both has two problems.
  customers[22] = { ...customers[22]!, name: null, email: null };
  return customers;
});

const REFUND = {
  title: 'Refund issued',
  name: 'Refund issued',
  template: { amount: '{{input.amount}}', reason: '{{input.reason}}', note: '{{input.note}}' },
  fields: [
    { key: 'amount', label: 'Amount', type: 'number', required: true },
    { key: 'reason', label: 'Reason', type: 'choice', required: true, choices: ['Damaged', 'Late'] },
    { key: 'note', label: 'Note', type: 'text', required: false },
  ],
  defaultCustomer: 1001,
};
const CALL = { title: 'Call made', name: 'Call made', template: { minutes: '{{input.minutes}}' }, fields: [{ key: 'minutes', label: 'Minutes', type: 'number', required: true }] };
const GREETING = { title: 'Greeting', name: 'Greeting', template: { to: '{{customer.email}}', who: '{{customer.name}}' } };

beforeEach(async () => {
  const key = await session.setKey();
  expect(key.code, key.stderr).toBe(0);
  const file = join(session.temp(), 'library.json');
  writeFileSync(file, JSON.stringify({ format: 'event-desk-library', version: 1, events: [REFUND, CALL, GREETING] }));
  const imported = await session.cli(['saved', 'import', file]);
  expect(imported.code, imported.stderr).toBe(0);
}, 60_000);

describe('send --saved', { timeout: 60_000 }, () => {
  it('without --customer, sends to the saved event\'s default customer and says so', async () => {
    const result = await session.cli(['send', '--saved', 'Refund issued', '--input', 'amount=20', '--input', 'reason=Late', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Customer 1001: the default customer of "Refund issued".');
    expect(JSON.parse(result.stdout)).toMatchObject({ request: { customer: 1001, data: { amount: 20, reason: 'Late' } } });
    expect(session.events()).toEqual([expect.objectContaining({ customer: 1001 })]);
    // --customer still wins over the default.
    const other = await session.cli(['send', '--saved', 'Refund issued', '--customer', '1002', '--input', 'amount=5', '--input', 'reason=Late']);
    expect(other.code, other.stderr).toBe(0);
    expect(session.events().map((event) => event.customer)).toEqual([1001, 1002]);
  });

  it('a saved event without a default customer and no --customer: exit 2, naming the flag', async () => {
    const result = await session.cli(['send', '--saved', 'Call made', '--input', 'minutes=5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"Call made" has no default customer: say who it is for with --customer <id|email>.');
    expect(session.events()).toEqual([]);
  });

  it('an unknown --input key is refused with exit 2, naming the fields there are', async () => {
    const result = await session.cli(['send', '--saved', 'Refund issued', '--input', 'amount=20', '--input', 'reason=Late', '--input', 'colour=red']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--input colour: "Refund issued" has no field "colour". Its fields: amount, reason, note.');
    const none = await session.cli(['send', '--saved', 'Greeting', '--customer', '1001', '--input', 'x=1']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('It has no fields: leave out --input.');
    const twice = await session.cli(['send', '--saved', 'Call made', '--customer', '1001', '--input', 'minutes=5', '--input', 'minutes=6']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('--input minutes is given twice');
    expect(session.events()).toEqual([]);
  });

  it('every problem is listed at once: the fields, the unknown key and the customer', async () => {
    const result = await session.cli(['send', '--saved', 'Refund issued', '--customer', 'abc', '--input', 'amount=twenty', '--input', 'colour=red']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"Refund issued" cannot be sent as given (4 problems); nothing was sent:');
    for (const line of ['--input colour: "Refund issued" has no field "colour"', '--input amount: Amount must be a number', '--input reason: Reason is required.', '--customer abc: give a HelpCrunch customer id']) {
      expect(result.stderr).toContain(`  ${line}`);
    }
    expect(result.stderr).toContain('Give each field as --input key=value --input amount=…; event-desk saved show "Refund issued" lists them.');
    expect(result.stderr).not.toMatch(/more\./);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(session.events()).toEqual([]);
  });

  it('problems only HelpCrunch\'s customer reveals are all listed too, not "And 1 more."', async () => {
    const result = await session.cli(['send', '--saved', 'Greeting', '--customer', '1023']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"Greeting" cannot be sent for customer 1023 (2 problems); nothing was sent:');
    expect(result.stderr).toContain('  to: HelpCrunch has no email for this customer.');
    expect(result.stderr).toContain('  who: HelpCrunch has no name for this customer.');
    expect(result.stderr).not.toContain('more.');
    expect(session.events()).toEqual([]);
  });

  it('an unknown title is bad input (exit 2), with the command that lists the titles', async () => {
    const result = await session.cli(['send', '--saved', 'Nope', '--customer', '1001']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no saved event titled "Nope".');
    expect(result.stderr).toContain('event-desk saved list');
  });

  it('saved list shows the default customer', async () => {
    const list = await session.cli(['saved', 'list']);
    expect(list.stdout).toContain('Refund issued  (Refund issued)  fields: amount*, reason*, note  customer: 1001');
  });
});
