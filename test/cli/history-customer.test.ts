import { beforeEach, describe, expect, it } from 'vitest';
import { mockCliSession } from './mock-session.ts';

// `history --customer EMAIL`: the customer this account already knows by that email (from searches
// and sends by email), with no request; unknown or ambiguous emails are exit 2.
const session = mockCliSession('event-desk-cli-history-customer-', (customers) => {
  customers[5] = { ...customers[5]!, email: 'twins@example.com' };
  customers[6] = { ...customers[6]!, email: 'Twins@Example.com' };
  return customers;
});

const ids = (stdout: string) => (JSON.parse(stdout) as { request: { customer: number } }[]).map((entry) => entry.request.customer);

beforeEach(async () => {
  await session.setKey();
  // By email: Event Desk learns who ada.lovelace@example.com is. By id: 1002 stays an id.
  for (const args of [['--name', 'Call made', '--customer', 'ada.lovelace@example.com'], ['--name', 'Call made', '--customer', '1002'], ['--name', 'Refund issued', '--customer', '1001', '--data', '{"amount": 5}']]) {
    const sent = await session.cli(['send', ...args]);
    expect(sent.code, sent.stderr).toBe(0);
  }
}, 60_000);

describe('history --customer EMAIL', { timeout: 60_000 }, () => {
  it('lists that customer\'s entries only, whatever the case of the email, with no request', async () => {
    const before = session.mock.received.length;
    const result = await session.cli(['history', '--customer', 'ADA.Lovelace@example.com', '--json']);
    expect(result.code).toBe(0);
    expect(ids(result.stdout)).toEqual([1001, 1001]);
    expect(session.mock.received.length).toBe(before);
    // Combined with the other filters, and the id still works.
    expect(ids((await session.cli(['history', '--customer', 'ada.lovelace@example.com', '--name', 'Refund issued', '--json'])).stdout)).toEqual([1001]);
    expect(ids((await session.cli(['history', '--customer', '1002', '--json'])).stdout)).toEqual([1002]);
  });

  it('an email this account does not know: exit 2, saying so and how to give the id', async () => {
    const result = await session.cli(['history', '--customer', 'nobody@example.com']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No customer with the email nobody@example.com is known in this account.');
    expect(result.stderr).toContain('--customer 1001');
  });

  it('an email two known customers share: exit 2, both listed', async () => {
    // The refused send still searched HelpCrunch, so both customers are known now.
    expect((await session.cli(['send', '--name', 'x', '--customer', 'twins@example.com'])).code).toBe(2);
    await session.cli(['send', '--name', 'Call made', '--customer', '1006']);
    await session.cli(['send', '--name', 'Call made', '--customer', '1007']);
    const result = await session.cli(['history', '--customer', 'twins@example.com']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2 customers have the email twins@example.com');
    expect(result.stderr).toMatch(/ 1006 /);
    expect(result.stderr).toMatch(/ 1007 /);
  });

  it('replay --from-history takes the email too; export (ids only) says to give the id', async () => {
    const replay = await session.cli(['--rate', '6000', 'replay', '--from-history', '--customer', 'ada.lovelace@example.com', '--allow-duplicates', '--yes', '--json']);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout.split('\n')[0]!)).toMatchObject({ type: 'plan', toSend: 2 });
    expect(session.events().slice(-2).map((event) => event.customer)).toEqual([1001, 1001]);
    const exported = await session.cli(['export', '--customer', 'ada.lovelace@example.com', '--out', '-']);
    expect(exported.code).toBe(2);
    expect(exported.stdout).toBe('');
  });
});
