import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { RECENT_CUSTOMERS_LIMIT, type Customer } from '../../shared/customer.ts';

interface Row {
  id: number;
  name: string | null;
  email: string | null;
  user_id: string | null;
  company: string | null;
  last_seen: number | null;
}

/**
 * The customers' tables: the last customers picked in a profile (offered without a request) and
 * every customer seen in a search (so history can show a name beside an id).
 */
export class CustomerRepository {
  readonly #upsert: StatementSync;
  readonly #list: StatementSync;
  readonly #trim: StatementSync;
  readonly #known: StatementSync;
  readonly #byEmail: StatementSync;

  constructor(db: DatabaseSync) {
    this.#upsert = db.prepare(
      `INSERT INTO recent_customers (profile, id, name, email, user_id, company, last_seen, picked_at)
       VALUES (:profile, :id, :name, :email, :userId, :company, :lastSeen, :pickedAt)
       ON CONFLICT (profile, id) DO UPDATE SET name = excluded.name, email = excluded.email, user_id = excluded.user_id,
         company = excluded.company, last_seen = excluded.last_seen, picked_at = excluded.picked_at`,
    );
    this.#list = db.prepare('SELECT * FROM recent_customers WHERE profile = ? ORDER BY picked_at DESC, rowid DESC LIMIT ?');
    this.#trim = db.prepare(
      `DELETE FROM recent_customers WHERE profile = :profile AND id NOT IN
         (SELECT id FROM recent_customers WHERE profile = :profile ORDER BY picked_at DESC, rowid DESC LIMIT :keep)`,
    );
    this.#known = db.prepare(
      `INSERT INTO known_customers (profile, id, name, email) VALUES (?, ?, ?, ?)
       ON CONFLICT (profile, id) DO UPDATE SET name = excluded.name, email = excluded.email`,
    );
    // ASCII case folding (SQLite's lower()): email addresses are ASCII but for rare international ones.
    this.#byEmail = db.prepare('SELECT id, name, email FROM known_customers WHERE profile = ? AND lower(trim(email)) = lower(trim(?)) ORDER BY id');
  }

  /** Records a pick: it becomes the first of the recent list, which keeps its newest 20. */
  rememberPick(profile: string, customer: Customer, now: number): void {
    this.#upsert.run({ profile, pickedAt: now, ...customer });
    this.#trim.run({ profile, keep: RECENT_CUSTOMERS_LIMIT });
    this.rememberKnown(profile, [customer]);
  }

  /** Remembers who customer ids are, for the history's customer column. */
  rememberKnown(profile: string, customers: Pick<Customer, 'id' | 'name' | 'email'>[]): void {
    for (const customer of customers) this.#known.run(profile, customer.id, customer.name, customer.email);
  }

  /** The customers this profile knows by an email, case-insensitively (the CLI's `history --customer EMAIL`); no request. */
  knownByEmail(profile: string, email: string): Pick<Customer, 'id' | 'name' | 'email'>[] {
    return (this.#byEmail.all(profile, email) as unknown as Pick<Customer, 'id' | 'name' | 'email'>[]).map(({ id, name, email: known }) => ({ id, name, email: known }));
  }

  recent(profile: string): Customer[] {
    return (this.#list.all(profile, RECENT_CUSTOMERS_LIMIT) as unknown as Row[]).map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      userId: row.user_id,
      company: row.company,
      lastSeen: row.last_seen,
    }));
  }
}
