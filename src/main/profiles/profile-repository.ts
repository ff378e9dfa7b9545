import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Profile } from '../../shared/profiles.ts';
import { transaction } from '../storage/transaction.ts';

interface Row {
  id: string;
  name: string;
  per_minute: number;
  colour: string;
  production: number;
}

/** Profiles and the one piece of app state shared by hosts (which profile was used last). */
export class ProfileRepository {
  readonly #db: DatabaseSync;
  readonly #s: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#s = {
      list: db.prepare('SELECT id, name, per_minute, colour, production FROM profiles ORDER BY created_at, name'),
      get: db.prepare('SELECT id, name, per_minute, colour, production FROM profiles WHERE id = ?'),
      byName: db.prepare('SELECT id, name, per_minute, colour, production FROM profiles WHERE name = ? COLLATE NOCASE'),
      insert: db.prepare('INSERT INTO profiles (id, name, per_minute, colour, production, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      update: db.prepare('UPDATE profiles SET name = ?, per_minute = ?, colour = ?, production = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM profiles WHERE id = ?'),
      getState: db.prepare('SELECT value FROM app_state WHERE key = ?'),
      setState: db.prepare('INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  list(): Profile[] {
    return (this.#s.list!.all() as unknown as Row[]).map(toProfile);
  }

  get(id: string): Profile | null {
    const row = this.#s.get!.get(id) as Row | undefined;
    return row ? toProfile(row) : null;
  }

  byName(name: string): Profile | null {
    const row = this.#s.byName!.get(name) as Row | undefined;
    return row ? toProfile(row) : null;
  }

  insert(profile: Profile, now: number): void {
    this.#s.insert!.run(profile.id, profile.name, profile.perMinute, profile.colour, profile.production ? 1 : 0, now);
  }

  update(profile: Profile): void {
    this.#s.update!.run(profile.name, profile.perMinute, profile.colour, profile.production ? 1 : 0, profile.id);
  }

  /** Removes the profile and everything that belongs to it, in one transaction. */
  removeWithData(id: string): void {
    transaction(this.#db, () => {
      for (const table of ['sends', 'recent_customers', 'known_customers', 'event_names', 'saved_events', 'outbox', 'rate_budgets', 'jobs']) {
        this.#db.prepare(`DELETE FROM ${table} WHERE profile = ?`).run(id);
      }
      this.#s.remove!.run(id);
    });
  }

  state(key: string): string | null {
    return (this.#s.getState!.get(key) as { value: string } | undefined)?.value ?? null;
  }

  setState(key: string, value: string): void {
    this.#s.setState!.run(key, value);
  }
}

function toProfile(row: Row): Profile {
  return { id: row.id, name: row.name, perMinute: row.per_minute, colour: row.colour, production: row.production === 1 };
}
