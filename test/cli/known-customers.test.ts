import { describe, expect, it } from 'vitest';
import { CustomerRepository } from '../../src/main/customers/customer-repository.ts';
import { tempHistory } from '../support/history-fixture.ts';

// The read behind the CLI's `history --customer EMAIL` (src/cli/known-customers.ts).
describe('CustomerRepository.knownByEmail', () => {
  it('finds every customer a profile knows by an email, case-insensitively, and only in that profile', () => {
    const { db, dispose } = tempHistory();
    try {
      const customers = new CustomerRepository(db);
      customers.rememberKnown('default', [
        { id: 1001, name: 'Ada Lovelace', email: 'ada@example.com' },
        { id: 1006, name: 'Twin A', email: 'twins@example.com' },
        { id: 1007, name: 'Twin B', email: 'Twins@Example.com ' },
        { id: 1008, name: 'No email', email: null },
      ]);
      customers.rememberKnown('staging', [{ id: 2001, name: 'Ada elsewhere', email: 'ada@example.com' }]);
      expect(customers.knownByEmail('default', 'ADA@example.com')).toEqual([{ id: 1001, name: 'Ada Lovelace', email: 'ada@example.com' }]);
      expect(customers.knownByEmail('default', 'twins@example.com').map((customer) => customer.id)).toEqual([1006, 1007]);
      expect(customers.knownByEmail('default', 'nobody@example.com')).toEqual([]);
      expect(customers.knownByEmail('staging', 'ada@example.com').map((customer) => customer.id)).toEqual([2001]);
    } finally {
      dispose();
    }
  });
});
