import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseSync } from 'node:sqlite';
import { CustomerRepository } from '../../src/main/customers/customer-repository.ts';
import type { HistoryRepository } from '../../src/main/history/history-repository.ts';
import { ftsQuery } from '../../src/main/history/history-filter-sql.ts';
import { EMPTY_FILTER, historyEntrySchema, historyFilterSchema, type HistoryFilter } from '../../src/shared/history.ts';
import { addSend, outcome, tempHistory } from '../support/history-fixture.ts';

let history: HistoryRepository;
let db: DatabaseSync;
let dispose: () => void;
const DAY = 86_400_000;
const ids = { refund: 0, call: 0, limited: 0, server: 0, offline: 0, notFound: 0, unknown: 0 };

beforeEach(() => {
  ({ history, db, dispose } = tempHistory());
  ids.refund = addSend(history, { name: 'Refund issued', customer: 1001, data: { amount: 20, note: 'Crème brûlée arrived cold' } }, 1 * DAY);
  ids.call = addSend(history, { name: 'Call made', customer: 1002, data: { minutes: 5 } }, 2 * DAY, outcome({ outcome: 'rejected', httpStatus: 400, responseBody: '{"errors":[{"code":"customer","message":"bad"}]}', message: 'HelpCrunch rejected the event' }));
  ids.limited = addSend(history, { name: 'Call made', customer: 1001, data: {} }, 3 * DAY, outcome({ outcome: 'rate_limited', httpStatus: 429 }));
  ids.server = addSend(history, { name: 'Plan upgraded', customer: 1003, data: { plan: 'pro' } }, 4 * DAY, outcome({ outcome: 'server_error', httpStatus: 503 }));
  ids.offline = addSend(history, { name: 'Plan upgraded', customer: 1001, data: { plan: 'team' } }, 5 * DAY, outcome({ outcome: 'timeout', httpStatus: null, message: 'did not answer' }));
  ids.notFound = addSend(history, { name: 'Refund issued', customer: 9999, data: {} }, 6 * DAY, outcome({ outcome: 'not_found', httpStatus: 404 }));
  ids.unknown = history.insertSending('default', { name: 'Call made', customer: 1004, data: {} }, 7 * DAY);
  history.markInterruptedAsUnknown(8 * DAY);
});
afterEach(() => dispose());

const query = (filter: Partial<HistoryFilter>) => history.page(100, null, 'default', { ...EMPTY_FILTER, ...filter }).entries.map((entry) => entry.id);

describe('history filters', () => {
  it('no filter: everything, newest first', () => {
    expect(query({})).toEqual(Object.values(ids).toSorted((a, b) => b - a));
    expect(history.count('default', EMPTY_FILTER)).toBe(7);
  });

  it.each([
    [['sent'], ['refund']],
    [['rejected'], ['notFound', 'call']],
    [['rate_limited'], ['limited']],
    [['server_error'], ['server']],
    [['network_error'], ['offline']],
    // "Outcome unknown" is everything that may have landed: the interrupted send and the timeout.
    [['unknown'], ['unknown', 'offline']],
    [['sent', 'server_error'], ['server', 'refund']],
  ] as const)('outcome %j', (outcomes, expected) => {
    expect(query({ outcomes: [...outcomes] })).toEqual(expected.map((key) => ids[key as keyof typeof ids]));
  });

  it('event name (exact)', () => {
    expect(query({ name: 'Plan upgraded' })).toEqual([ids.offline, ids.server]);
    expect(query({ name: 'plan' })).toEqual([]);
  });

  it('customer id', () => {
    expect(query({ customer: 1001 })).toEqual([ids.offline, ids.limited, ids.refund]);
  });

  it('date range, inclusive', () => {
    expect(query({ from: 2 * DAY, to: 4 * DAY })).toEqual([ids.server, ids.limited, ids.call]);
  });

  it('free text over name, data, response and error text, ignoring accents and case', () => {
    expect(query({ text: 'creme brulee' })).toEqual([ids.refund]);
    expect(query({ text: 'TEAM' })).toEqual([ids.offline]);
    // The 400's body names the field; the unknown entry's message mentions the customer's profile.
    expect(query({ text: 'customer' })).toEqual([ids.unknown, ids.call]);
    expect(query({ text: 'did not answer' })).toEqual([ids.offline]);
    expect(query({ text: 'upgr' })).toEqual([ids.offline, ids.server]);
    expect(query({ text: 'closed before' })).toEqual([ids.unknown]);
  });

  it('text that looks like FTS syntax is just text', () => {
    expect(() => query({ text: '"unbalanced AND OR NEAR( * -' })).not.toThrow();
    expect(ftsQuery('a"b OR c*')).toBe('"a"* "b"* "OR"* "c"*');
    expect(ftsQuery('  ... ')).toBeNull();
  });

  it('combines every filter with AND, and counts match pages', () => {
    const filter = { ...EMPTY_FILTER, outcomes: ['sent', 'network_error'] as HistoryFilter['outcomes'], customer: 1001, from: 0, to: 10 * DAY, text: 'plan' };
    expect(query(filter)).toEqual([ids.offline]);
    expect(history.count('default', filter)).toBe(1);
  });

  it('keyset pages have no gaps or duplicates while entries arrive, with a filter', () => {
    const filter = { ...EMPTY_FILTER, customer: 1001 };
    const first = history.page(2, null, 'default', filter);
    addSend(history, { name: 'Late', customer: 1001, data: {} }, 9 * DAY);
    const second = history.page(2, first.nextBeforeId, 'default', filter);
    expect([...first.entries, ...second.entries].map((entry) => entry.id)).toEqual([ids.offline, ids.limited, ids.refund]);
    expect(second.nextBeforeId).toBeNull();
  });

  it('keyset pages over text search', () => {
    const first = history.page(1, null, 'default', { ...EMPTY_FILTER, text: 'plan' });
    const second = history.page(1, first.nextBeforeId, 'default', { ...EMPTY_FILTER, text: 'plan' });
    expect([first.entries[0]?.id, second.entries[0]?.id]).toEqual([ids.offline, ids.server]);
  });

  it('shows customer names once they are known', () => {
    new CustomerRepository(db).rememberKnown('default', [{ id: 1001, name: 'Ada Lovelace', email: 'ada@example.com' }]);
    expect(history.get(ids.refund)).toMatchObject({ customerName: 'Ada Lovelace', customerEmail: 'ada@example.com' });
    expect(history.get(ids.server)).toMatchObject({ customerName: null });
  });

  it('lists event names used, most recent first', () => {
    expect(history.eventNames('default')).toEqual(['Call made', 'Refund issued', 'Plan upgraded']);
  });

  it('deletes selected entries, those matching a filter, and those past retention; search follows', () => {
    expect(history.delete('default', [ids.refund, ids.call])).toBe(2);
    expect(query({ text: 'creme' })).toEqual([]);
    expect(history.deleteMatching('default', { ...EMPTY_FILTER, name: 'Plan upgraded' })).toBe(2);
    expect(history.deleteOlderThan('default', 6 * DAY + 1)).toBe(2);
    expect(query({})).toEqual([ids.unknown]);
    expect(history.deleteMatching('default', EMPTY_FILTER)).toBe(1);
    expect(history.count('default', EMPTY_FILTER)).toBe(0);
  });

  it('iterates everything in pages, newest first, or exactly the selection', () => {
    expect([...history.iterate('default', EMPTY_FILTER, null, 2)].map((entry) => entry.id)).toEqual(query({}));
    expect([...history.iterate('default', null, [ids.call, ids.server])].map((entry) => entry.id)).toEqual([ids.server, ids.call]);
  });
});

describe('hostile filters and damaged rows', () => {
  it('a search text with no words matches nothing, and clearing with it deletes nothing', () => {
    for (const text of ['"', '*', '(', '"-"', '...', '---']) {
      expect(query({ text })).toEqual([]);
      expect(history.count('default', { ...EMPTY_FILTER, text })).toBe(0);
      expect(history.deleteMatching('default', { ...EMPTY_FILTER, text })).toBe(0);
    }
    expect(history.count('default', EMPTY_FILTER)).toBe(7);
  });

  it('outcome groups are at most six and de-duplicated by the contract', () => {
    const many = Array.from({ length: 40_000 }, () => 'sent');
    expect(historyFilterSchema.safeParse({ outcomes: many }).success).toBe(false);
    const parsed = historyFilterSchema.parse({ outcomes: ['sent', 'sent', 'unknown'] });
    expect(parsed.outcomes).toEqual(['sent', 'unknown']);
  });

  it('a crafted row (bad JSON, unknown outcome) breaks only itself, and every page still loads', () => {
    db.prepare(`UPDATE sends SET data = '{not json', outcome = 'hacked' WHERE id = ?`).run(ids.call);
    db.prepare(`UPDATE sends SET errors = '[1,2' WHERE id = ?`).run(ids.server);
    const page = history.page(100, null, 'default', EMPTY_FILTER);
    expect(page.entries).toHaveLength(7);
    for (const entry of page.entries) expect(historyEntrySchema.safeParse(entry).success).toBe(true);
    const damaged = page.entries.find((entry) => entry.id === ids.call)!;
    expect(damaged).toMatchObject({ outcome: 'unknown', request: { data: {} } });
    expect(damaged.unreadable).toContain('its data could not be read');
    expect(damaged.unreadable).toContain('"hacked"');
    expect(page.entries.find((entry) => entry.id === ids.server)!.unreadable).toContain('error list');
    expect(page.entries.find((entry) => entry.id === ids.refund)!.unreadable).toBeNull();
  });
});
