import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseSync } from 'node:sqlite';
import { CustomerRepository } from '../../src/main/customers/customer-repository.ts';
import type { HistoryRepository } from '../../src/main/history/history-repository.ts';
import { filterSql } from '../../src/main/history/history-filter-sql.ts';
import { foldText, foldWithMap } from '../../src/shared/fold.ts';
import { EMPTY_FILTER, type HistoryFilter } from '../../src/shared/history.ts';
import { addSend, tempHistory } from '../support/history-fixture.ts';

// History's customer filter folds accents and case on both sides (issue 17's leftover): "jose"
// finds José, "JOSÉ" finds Jose, without a schema change and with the query plan it had.
let history: HistoryRepository;
let db: DatabaseSync;
let dispose: () => void;

beforeEach(() => {
  ({ history, db, dispose } = tempHistory());
  new CustomerRepository(db).rememberKnown('default', [
    { id: 1, name: 'José Álvarez', email: 'jose@example.com' },
    { id: 2, name: 'Zoë Brontë', email: 'zoe@exämple.org' },
    { id: 3, name: 'Jose Plain', email: null },
    { id: 4, name: 'Łukasz Żółć', email: 'lukasz@example.pl' },
  ]);
  for (const customer of [1, 2, 3, 4]) addSend(history, { name: 'Call made', customer, data: {} }, customer * 1000);
});
afterEach(() => dispose());

const customersFound = (customerText: string) => history.page(100, null, 'default', { ...EMPTY_FILTER, customerText } as HistoryFilter).entries.map((entry) => entry.request.customer).toSorted();

describe('accent folding in the customer filter', () => {
  it('finds a name with accents from plain letters, and the other way round', () => {
    expect(customersFound('jose')).toEqual([1, 3]);
    expect(customersFound('JOSÉ')).toEqual([1, 3]);
    expect(customersFound('alvarez')).toEqual([1]);
    expect(customersFound('zoe bronte')).toEqual([2]);
    expect(customersFound('exam')).toEqual([1, 2, 4]);
    // Ł and ø have no decomposition: they match only themselves (and their own case).
    expect(customersFound('łukasz')).toEqual([4]);
    expect(customersFound('zolc')).toEqual([]);
    expect(customersFound('żółć')).toEqual([4]);
    expect(history.count('default', { ...EMPTY_FILTER, customerText: 'jose' } as HistoryFilter)).toBe(2);
  });

  it('keeps LIKE wildcards literal after folding', () => {
    expect(customersFound('%')).toEqual([]);
    expect(customersFound('jos_')).toEqual([]);
  });

  it('keeps the query plan: known customers by profile, sends by (profile, customer, id)', () => {
    const sql = filterSql('default', { ...EMPTY_FILTER, customerText: 'jose' } as HistoryFilter);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT s.id FROM ${sql.from} WHERE ${sql.where.join(' AND ')} ORDER BY s.id DESC LIMIT 50`).all(sql.params) as { detail: string }[]).map((row) => row.detail).join('\n');
    expect(plan).not.toMatch(/SCAN s\b(?! USING)/);
    expect(plan).toMatch(/known/);
  });

  it('folds text and maps folded positions back to the original', () => {
    expect(foldText('José ÁLVAREZ')).toBe('jose alvarez');
    expect(foldText('e\u0301')).toBe('e');
    const { folded, from } = foldWithMap('Zoë Brontë');
    const at = folded.indexOf('bronte');
    expect('Zoë Brontë'.slice(from[at], from[at + 'bronte'.length])).toBe('Brontë');
    const composed = foldWithMap('Jose\u0301 x');
    expect(composed.folded).toBe('jose x');
    // A combining accent stays with its letter when marked.
    expect('Jose\u0301 x'.slice(composed.from[0], composed.from[4])).toBe('Jose\u0301');
  });
});
