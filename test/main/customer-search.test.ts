import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Failure } from '../../src/main/failure.ts';
import { CustomerService } from '../../src/main/customers/customer-service.ts';
import { CustomerRepository } from '../../src/main/customers/customer-repository.ts';
import { buildSearchRequest, parseCustomerPage } from '../../src/main/helpcrunch/customer-search.ts';
import { RateBudget } from '../../src/main/helpcrunch/rate-budget.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import { customerQuerySchema } from '../../src/shared/customer.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { clientFor } from '../support/client.ts';
import { FakeClock } from '../support/fake-clock.ts';

describe('building the search request from what was typed', () => {
  it('text: name and email contain it, userId equals it; no id filter', () => {
    expect(buildSearchRequest('  Ada Love ')).toEqual({
      filter: [
        { field: 'customers.name', operator: '~', value: 'Ada Love' },
        { field: 'customers.email', operator: '~', value: 'Ada Love' },
        { field: 'customers.userId', operator: '=', value: 'Ada Love' },
      ],
      comparison: 'OR',
      limit: 10,
      offset: 0,
      sort: 'customers.lastSeen',
      order: 'desc',
    });
  });

  it('a whole number also matches the id, as a number', () => {
    expect(buildSearchRequest('1001').filter.at(-1)).toEqual({ field: 'customers.id', operator: '=', value: 1001 });
  });

  it.each(['12.5', '-3', '1e3', '007', '99999999999999999999'])('%s is not sent as an id', (text) => {
    expect(buildSearchRequest(text).filter.map((f) => f.field)).not.toContain('customers.id');
  });

  it('an email is searched as text', () => {
    expect(buildSearchRequest('ada.lovelace@example.com').filter[1]).toEqual({ field: 'customers.email', operator: '~', value: 'ada.lovelace@example.com' });
  });

  it.each([
    ['a', false],
    [' a ', false],
    ['', false],
    ['   ', false],
    ['7', true],
    ['ab', true],
    ['x'.repeat(200), true],
    ['x'.repeat(201), false],
  ])('query %j is worth sending: %s', (text, valid) => {
    expect(customerQuerySchema.safeParse(text).success).toBe(valid);
  });

  it('explains a query that is too long', () => {
    expect(customerQuerySchema.safeParse('x'.repeat(201)).error?.issues[0]?.message).toContain('too long');
  });
});

describe('reading customers in both documented shapes', () => {
  it('newer docs: numeric strings for timestamps, {data, total}', () => {
    const page = parseCustomerPage({ data: [{ id: 5, name: 'Zoë', email: null, userId: null, company: null, lastSeen: '1767225600' }], total: 1 });
    expect(page).toEqual({ customers: [{ id: 5, name: 'Zoë', email: null, userId: null, company: null, lastSeen: 1_767_225_600_000 }], total: 1 });
  });

  it('older docs: integers, a bare array, and empty strings as missing', () => {
    const page = parseCustomerPage([{ id: '6', name: '', email: 'a@b.c', userId: 42, lastSeen: 1_767_225_600 }]);
    expect(page).toEqual({ customers: [{ id: 6, name: null, email: 'a@b.c', userId: '42', company: null, lastSeen: 1_767_225_600_000 }], total: null });
  });

  it('skips entries it cannot read instead of failing the page', () => {
    expect(parseCustomerPage({ data: [null, { id: 'x' }, { id: 7 }] })?.customers.map((c) => c.id)).toEqual([7]);
  });

  it('refuses a body that is not a customer list', () => {
    expect(parseCustomerPage({ errors: [] })).toBeNull();
    expect(parseCustomerPage('<html>')).toBeNull();
  });
});

describe('CustomerService against the mock', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'event-desk-customers-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function service(options: Parameters<typeof clientFor>[1] = {}) {
    const { client, clock } = clientFor(mock, options);
    const db = openDatabase(join(folder, 'h.sqlite'));
    return new CustomerService({ client, budget: new RateBudget(db, clock, { perMinute: 120, profile: 'default' }), customers: new CustomerRepository(db), clock, profile: 'default' });
  }

  /** The service's answer as a Result, so failures can be matched like values. */
  async function search(customers: CustomerService, query: string) {
    try {
      return { ok: true as const, value: await customers.search(query) };
    } catch (error) {
      const failure = error as Failure;
      return { ok: false as const, error: failure.toAppError() };
    }
  }

  it('finds Ada by part of her name, most recently seen first', async () => {
    const result = await search(service(), 'lovelace');
    expect(result.ok).toBe(true);
    const customers = result.ok ? result.value.customers : [];
    expect(customers.length).toBeGreaterThan(1);
    for (const customer of customers) expect(`${customer.name} ${customer.email}`.toLowerCase()).toContain('lovelace');
    const seen = customers.map((c) => c.lastSeen ?? 0);
    expect(seen).toEqual(seen.toSorted((a, b) => b - a));
    expect(mock.received[0]?.body).toEqual(buildSearchRequest('lovelace'));
  });

  it('finds a customer by id and by userId', async () => {
    const byId = await search(service(), '1001');
    expect(byId.ok && byId.value.customers.map((c) => c.id)).toContain(1001);
    const byUserId = await search(service(), 'user-001002');
    expect(byUserId.ok && byUserId.value.customers.map((c) => c.id)).toEqual([1002]);
  });

  it('a 429 comes back at once with the wait, not retried', async () => {
    mock.injectFault({ kind: 'status', status: 429, retryAfter: 3 });
    const result = await search(service(), 'ada');
    expect(result).toMatchObject({ ok: false, error: { code: 'rate_limited', retryInMs: 3000 } });
    expect(mock.received).toHaveLength(1);
  });

  it('a wrong key, offline and odd answers are put in words', async () => {
    expect(await search(service({ key: 'wrong-key-00000000000' }), 'ada')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    mock.injectFault({ kind: 'reset' });
    expect(await search(service(), 'ada')).toMatchObject({ ok: false, error: { code: 'offline' } });
    mock.injectFault({ kind: 'malformed', status: 200 });
    expect(await search(service(), 'ada')).toMatchObject({ ok: false, error: { code: 'unexpected', message: expect.stringContaining('Bad Gateway') } });
  });

  it('a new search cancels the one still in flight', async () => {
    mock.injectFault({ kind: 'latency', ms: 300 });
    const customers = service();
    const first = search(customers, 'ada');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = search(customers, 'grace');
    expect(await first).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await second).toMatchObject({ ok: true });
  });
});

describe('remembering a pick', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(() => mock.close());

  it('stores main\'s own copy of a customer it found, by id; an id it never found is refused', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'event-desk-remember-'));
    try {
      const { client, clock } = clientFor(mock);
      const db = openDatabase(join(folder, 'h.sqlite'));
      const repository = new CustomerRepository(db);
      const customers = new CustomerService({ client, budget: new RateBudget(db, clock, { perMinute: 120, profile: 'default' }), customers: repository, clock, profile: 'default' });
      const page = await customers.search('1001');
      const ada = page.customers.find((customer) => customer.id === 1001)!;
      expect(customers.remember(1001)[0]).toEqual(ada);
      expect(() => customers.remember(1299)).toThrow(/search for them first/);
      expect(repository.recent('default').map((customer) => customer.id)).toEqual([1001]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a server\'s answer is bounded before it is kept: long texts cut, odd lastSeen dropped', () => {
    const page = parseCustomerPage({ data: [{ id: 5, name: 'x'.repeat(50_000), lastSeen: -(2 ** 53) }, { id: 6, name: 'B', lastSeen: 1.5 }, { id: 7, lastSeen: 99_999_999_999 }] })!;
    expect(page.customers[0]!.name).toHaveLength(500);
    expect(page.customers.map((customer) => customer.lastSeen)).toEqual([null, 1500, null]);
  });
});

describe('CustomerRepository', () => {
  it('keeps the last 20 picked, newest first, without duplicates', () => {
    const folder = mkdtempSync(join(tmpdir(), 'event-desk-recent-'));
    try {
      const recent = new CustomerRepository(openDatabase(join(folder, 'h.sqlite')));
      const clock = new FakeClock();
      for (let id = 1; id <= 25; id += 1) recent.rememberPick('default', { id, name: `C${id}`, email: null, userId: null, company: null, lastSeen: null }, clock.time++);
      recent.rememberPick('default', { id: 10, name: 'C10 renamed', email: null, userId: null, company: null, lastSeen: null }, clock.time++);
      const list = recent.recent('default');
      expect(list).toHaveLength(20);
      expect(list[0]).toMatchObject({ id: 10, name: 'C10 renamed' });
      expect(list.map((c) => c.id)).not.toContain(5);
      expect(new Set(list.map((c) => c.id)).size).toBe(20);
      expect(recent.recent('other')).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
