import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch.ts';
import { likeEscaped } from '../../src/main/history/history-filter-sql.ts';
import { createServices, type Services } from '../../src/main/services.ts';
import type { ParsedInputOf } from '../../src/shared/contract.ts';
import { EMPTY_FILTER, type HistoryFilter, type HistoryPage } from '../../src/shared/history.ts';
import { makeCustomers } from '../../tools/mock-api/customers.ts';
import { memorySecretStore } from '../../tools/secret-stores.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

// A customer's timeline and History's customer filter, through the real IPC door (the contract's
// schemas parse every input), real SQLite and the mock over HTTP: the timeline is the History query
// with a customer id; names and emails match the customers this account learnt from searches and
// from the lookups its sends make.
const temp = tempFoldersFor('event-desk-timeline-');
const customers = makeCustomers();
const ada = customers[0]!;
const second = customers[1]!;
let mock: MockServer;
let services: Services;

beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(() => mock.close());
beforeEach(async () => {
  mock.reset();
  services = createServices({ userDataDir: temp(), env: {}, secretStore: memorySecretStore() });
  await call('settings:setBaseUrl', { baseUrl: mock.url });
  await call('key:set', { key: mock.apiKey, sessionOnly: false });
});
afterEach(() => services.close());

/** One IPC call as the renderer makes it: raw input, parsed by the contract, a Result back. */
function ask(channel: string, input: unknown) {
  return dispatch(services.handlers, channel, input);
}

async function call<T = unknown>(channel: string, input: unknown): Promise<T> {
  const result = await ask(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

async function send(name: string, customer: number, data: Record<string, unknown> = {}): Promise<number> {
  return (await call<{ id: number }>('events:send', { name, customer, data })).id;
}

/** The entries a filter finds, newest first, as [event name, customer]. */
async function found(filter: Partial<HistoryFilter>): Promise<[string, number][]> {
  const page = await call<HistoryPage>('history:list', { limit: 100, beforeId: null, filter: { ...EMPTY_FILTER, ...filter } });
  return page.entries.map((entry) => [entry.request.name, entry.request.customer]);
}

const callNotes: ParsedInputOf<'saved:create'>['draft'] = {
  title: 'Call notes',
  name: 'Call made',
  description: '',
  template: { by: '{{customer.email}}' },
  fields: [],
  defaultCustomer: null,
  tags: [],
};

describe("a customer's timeline", () => {
  it('is every send to that customer in this account, newest first, with outcomes', async () => {
    await send('Call made', ada.id, { minutes: 5 });
    await send('Refund issued', 1003);
    await send('Refund issued', ada.id, { amount: 20 });
    // HelpCrunch does not know this customer: the rejection is on the timeline too.
    await send('Call made', 999_999);
    const page = await call<HistoryPage>('history:list', { limit: 50, beforeId: null, filter: { ...EMPTY_FILTER, customer: ada.id } });
    expect(page.entries.map((entry) => [entry.request.name, entry.outcome, entry.disposition])).toEqual([
      ['Refund issued', 'sent', 'delivered'],
      ['Call made', 'sent', 'delivered'],
    ]);
    expect(page.nextBeforeId).toBeNull();
    expect(await found({ customer: 999_999 })).toEqual([['Call made', 999_999]]);
    expect((await call<HistoryPage>('history:list', { limit: 5, beforeId: null, filter: { ...EMPTY_FILTER, customer: 999_999 } })).entries[0]?.outcome).toBe('not_found');
    // Nothing sent to them yet: an empty timeline, not an error.
    expect(await found({ customer: 1200 })).toEqual([]);
  });
});

describe('History by customer name or email', () => {
  it('finds a customer known from a search (the picker) and one known from the lookup a send made', async () => {
    // The picker's search teaches Event Desk who Ada is.
    await call('customers:search', { query: 'Ada Lovelace' });
    await send('Call made', ada.id, { minutes: 5 });
    await send('Call made', ada.id, { minutes: 6 });
    // A quick-log send looks its customer up (GET /customers/1002): that teaches the second name.
    const saved = await call<{ id: number }>('saved:create', { draft: callNotes });
    await call('saved:send', { id: saved.id, customer: second.id, inputs: {}, again: false });
    expect(mock.received.some((request) => request.path === `/v1/customers/${second.id}`)).toBe(true);
    // A customer never searched for nor looked up is found by id only.
    await send('Refund issued', 1003);

    expect(await found({ customerText: 'lovelace' })).toEqual([
      ['Call made', ada.id],
      ['Call made', ada.id],
    ]);
    // Case folded, any part of the name.
    expect(await found({ customerText: 'ADA LOVE' })).toEqual([
      ['Call made', ada.id],
      ['Call made', ada.id],
    ]);
    expect(await found({ customerText: second.name! })).toEqual([['Call made', second.id]]);
    expect(await found({ customerText: customers[2]!.name! })).toEqual([]);
    expect(await found({ customer: 1003 })).toEqual([['Refund issued', 1003]]);
    // It combines with the other filters, and the count agrees.
    expect(await found({ customerText: 'lovelace', outcomes: ['rejected'] })).toEqual([]);
    expect(await call('history:count', { filter: { ...EMPTY_FILTER, customerText: 'lovelace' } })).toBe(2);
  });

  it('finds by email, whole or in part, whatever the case', async () => {
    await call('customers:search', { query: ada.email! });
    await send('Call made', ada.id);
    await send('Refund issued', second.id);
    expect(await found({ customerText: ada.email! })).toEqual([['Call made', ada.id]]);
    expect(await found({ customerText: ada.email!.toUpperCase() })).toEqual([['Call made', ada.id]]);
    expect(await found({ customerText: '@example.com' })).toEqual([['Call made', ada.id]]);
  });

  it('takes LIKE wildcards as plain characters', async () => {
    await call('customers:search', { query: 'Ada Lovelace' });
    await send('Call made', ada.id);
    expect(await found({ customerText: '%' })).toEqual([]);
    expect(await found({ customerText: 'ada_lovelace' })).toEqual([]);
    expect(await found({ customerText: 'ada.lovelace' })).toEqual([['Call made', ada.id]]);
    expect(likeEscaped('50%_off\\')).toBe('50\\%\\_off\\\\');
  });

  it('refuses an over-long or empty customer text at the contract, on every channel that filters', async () => {
    await call('customers:search', { query: 'Ada Lovelace' });
    await send('Call made', ada.id);
    const long = { ...EMPTY_FILTER, customerText: 'a'.repeat(201) };
    for (const [channel, input] of [
      ['history:list', { limit: 10, beforeId: null, filter: long }],
      ['history:count', { filter: long }],
      ['history:clear', { filter: long }],
      ['history:export', { filter: long, ids: null, format: 'json' }],
      ['jobs:planHistory', { ids: null, filter: long, sendDuplicates: false, ratePerMinute: null }],
    ] as const) {
      const result = await ask(channel, input);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) expect(result.error.message).toContain('Keep the customer to 200 characters.');
    }
    // Megabytes are refused the same way, before any trimming or SQL.
    expect(await ask('history:list', { limit: 10, beforeId: null, filter: { ...EMPTY_FILTER, customerText: 'a'.repeat(5_000_000) } })).toMatchObject({ ok: false });
    // Blank text would widen a "Delete matching" to everyone: refused, not read as "any customer".
    expect(await ask('history:clear', { filter: { ...EMPTY_FILTER, customerText: '   ' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ask('history:list', { limit: 10, beforeId: null, filter: { ...EMPTY_FILTER, customerText: 42 } })).toMatchObject({ ok: false });
    // 200 characters after trimming are fine, and nothing was deleted by the refused calls.
    expect(await found({ customerText: ` ${'a'.repeat(200)} ` })).toEqual([]);
    expect(await call('history:count', { filter: EMPTY_FILTER })).toBe(1);
  });

  it("is scoped to the active account: another profile's sends and known customers never show", async () => {
    await call('customers:search', { query: 'Ada Lovelace' });
    await send('Call made', ada.id, { account: 'default' });
    const other = await call<{ id: string }>('profiles:create', { draft: { name: 'Second', perMinute: 600, colour: '#16a34a', production: false } });
    await call('profiles:use', { id: other.id });
    await call('settings:setBaseUrl', { baseUrl: mock.url });
    await call('key:set', { key: mock.apiKey, sessionOnly: false });
    // The second account knows customer 1002 by name and sends to Ada too.
    const saved = await call<{ id: number }>('saved:create', { draft: { ...callNotes, title: 'Call notes (second)' } });
    await call('saved:send', { id: saved.id, customer: second.id, inputs: {}, again: false });
    await send('Refund issued', ada.id, { account: 'second' });

    // The second account: its own sends only, and Ada's name is unknown here (never searched in it).
    expect(await found({ customer: ada.id })).toEqual([['Refund issued', ada.id]]);
    expect(await found({ customerText: 'lovelace' })).toEqual([]);
    expect(await found({ customerText: second.name! })).toEqual([['Call made', second.id]]);

    await call('profiles:use', { id: 'default' });
    expect(await found({ customer: ada.id })).toEqual([['Call made', ada.id]]);
    expect(await found({ customerText: 'lovelace' })).toEqual([['Call made', ada.id]]);
    // Default never sent to 1002, and never learnt their name.
    expect(await found({ customerText: second.name! })).toEqual([]);
    expect(await found({ customer: second.id })).toEqual([]);
  });
});
