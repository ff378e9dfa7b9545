import { describe, expect, it } from 'vitest';
import { makeCustomers } from '../../tools/mock-api/customers.ts';
import { searchCustomers } from '../../tools/mock-api/search.ts';

const customers = makeCustomers();
const ids = (answer: ReturnType<typeof searchCustomers>) => (answer.status === 200 ? answer.body.data.map((c) => c.id) : answer.body.errors);

describe('the mock customer base', () => {
  it('is deterministic, a few hundred strong, with non-ASCII names and gaps', () => {
    expect(makeCustomers()).toEqual(customers);
    expect(customers).toHaveLength(300);
    expect(customers[0]).toMatchObject({ id: 1001, name: 'Ada Lovelace', email: 'ada.lovelace@example.com' });
    expect(customers.some((c) => c.name?.includes('Zoë'))).toBe(true);
    expect(customers.some((c) => c.name?.includes('Łukasz'))).toBe(true);
    expect(customers.some((c) => c.name === null)).toBe(true);
    expect(customers.some((c) => c.email === null)).toBe(true);
    expect(customers.some((c) => c.userId === null)).toBe(true);
  });
});

describe('mock POST /v1/customers/search', () => {
  const one = (field: string, operator: string, value: unknown, extra = {}) => searchCustomers(customers, { filter: [{ field, operator, value }], limit: 100, ...extra });

  it.each([
    ['customers.id', '=', 1001, (c: { id: number }) => c.id === 1001],
    ['customers.id', '!=', 1001, (c: { id: number }) => c.id !== 1001],
    ['customers.id', '>', 1290, (c: { id: number }) => c.id > 1290],
    ['customers.id', '<', 1005, (c: { id: number }) => c.id < 1005],
    ['customers.id', '>=', 1299, (c: { id: number }) => c.id >= 1299],
    ['customers.id', '<=', 1002, (c: { id: number }) => c.id <= 1002],
  ])('%s %s %s', (field, operator, value, predicate) => {
    const answer = one(field, operator, value);
    expect(answer.status).toBe(200);
    const expected = customers.filter(predicate).slice(0, 100).map((c) => c.id);
    expect(ids(answer)).toEqual(expected);
  });

  it('~ and !~ match parts of text, ignoring case, including non-ASCII', () => {
    const contains = one('customers.name', '~', 'zoë');
    expect(contains.status === 200 && contains.body.data.every((c) => c.name!.toLowerCase().includes('zoë'))).toBe(true);
    expect(contains.status === 200 && contains.body.total).toBeGreaterThan(0);
    const without = one('customers.name', '!~', 'a');
    expect(without.status === 200 && without.body.data.every((c) => c.name === null || !c.name.toLowerCase().includes('a'))).toBe(true);
  });

  it('combines filters with AND and OR', () => {
    const filter = [
      { field: 'customers.id', operator: '<', value: 1010 },
      { field: 'customers.id', operator: '>', value: 1290 },
    ];
    expect(ids(searchCustomers(customers, { filter, comparison: 'AND' }))).toEqual([]);
    expect(ids(searchCustomers(customers, { filter, comparison: 'OR', limit: 100 }))).toHaveLength(9 + 10);
  });

  it('pages with limit and offset and sorts by lastSeen', () => {
    const filter = [{ field: 'customers.id', operator: '>', value: 0 }];
    const all = searchCustomers(customers, { filter, sort: 'customers.lastSeen', order: 'desc', limit: 100 });
    const second = searchCustomers(customers, { filter, sort: 'customers.lastSeen', order: 'desc', limit: 10, offset: 10 });
    expect(ids(second)).toEqual(ids(all).slice(10, 20));
    const seen = all.status === 200 ? all.body.data.map((c) => Number(c.lastSeen)) : [];
    expect(seen).toEqual(seen.toSorted((a, b) => b - a));
  });

  it.each([
    [{ filter: [{ field: 'customers.shoeSize', operator: '=', value: 'x' }] }, 'filter[0].field'],
    [{ filter: [{ field: 'customers.id', operator: '=', value: 'abc' }] }, 'filter[0].value'],
    [{ filter: [{ field: 'customers.name', operator: '=', value: 5 }] }, 'filter[0].value'],
    [{ filter: [{ field: 'customers.name', operator: 'like', value: 'a' }] }, 'filter[0].operator'],
    [{ filter: [] }, 'filter'],
    [{ filter: [{ field: 'customers.id', operator: '=', value: 1 }], limit: 500 }, 'limit'],
  ])('400 for %j', (body, code) => {
    const answer = searchCustomers(customers, body);
    expect(answer.status).toBe(400);
    expect(answer.status === 400 && answer.body.errors.map((e) => e.code)).toEqual(['invalid_request', code]);
  });
});
