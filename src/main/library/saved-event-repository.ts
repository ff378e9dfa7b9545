import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SavedEvent } from '../../shared/saved-events.ts';
import type { InputField } from '../../shared/template.ts';

interface Row {
  id: number;
  title: string;
  name: string;
  description: string;
  template: string;
  fields: string;
  default_customer: number | null;
  tags: string;
  created_at: number;
  updated_at: number;
  accounts: string | null;
  file: string | null;
}

export interface SavedEventValues {
  title: string;
  name: string;
  description: string;
  template: Record<string, unknown>;
  fields: InputField[];
  defaultCustomer: number | null;
  tags: string[];
  /** The accounts that see it; empty: every account. */
  accounts: string[];
}

/** Saved events are shared by every account: their `profile` column holds this, not an account. */
export const SHARED = '*';

/**
 * The saved-events library, shared by every account unless an event is limited to some of them;
 * reads take the account looking (the viewer) and return only what it may see. Deletes are soft
 * for a short undo window.
 */
export class SavedEventRepository {
  readonly #s: Record<string, StatementSync>;
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    const columns = `id, title, name, description, template, fields, default_customer, tags, created_at, updated_at,
      (SELECT json_group_array(profile) FROM (SELECT profile FROM saved_event_accounts WHERE saved_event_id = saved_events.id ORDER BY profile)) AS accounts,
      (SELECT file FROM saved_event_files f WHERE f.saved_event_id = saved_events.id AND f.hash <> '') AS file`;
    // Visible to the viewer: limited to nobody (shared), or limited to accounts that include it.
    const visible = `(NOT EXISTS (SELECT 1 FROM saved_event_accounts a WHERE a.saved_event_id = saved_events.id)
      OR EXISTS (SELECT 1 FROM saved_event_accounts a WHERE a.saved_event_id = saved_events.id AND a.profile = :viewer))`;
    this.#db = db;
    this.#s = {
      list: db.prepare(`SELECT ${columns} FROM saved_events WHERE deleted_at IS NULL AND ${visible} ORDER BY title COLLATE NOCASE`),
      get: db.prepare(`SELECT ${columns} FROM saved_events WHERE id = :id AND deleted_at IS NULL AND ${visible}`),
      getAny: db.prepare(`SELECT ${columns} FROM saved_events WHERE id = :id AND deleted_at IS NULL`),
      byTitle: db.prepare(`SELECT ${columns} FROM saved_events WHERE profile = '${SHARED}' AND title = :title AND deleted_at IS NULL AND ${visible}`),
      // profile = SHARED on every row: it lets these lookups use the unique index (profile, title).
      titleTaken: db.prepare(`SELECT id FROM saved_events WHERE profile = '${SHARED}' AND title = ? AND deleted_at IS NULL`),
      insert: db.prepare(
        `INSERT INTO saved_events (profile, title, name, description, template, fields, default_customer, tags, created_at, updated_at)
         VALUES ('${SHARED}', :title, :name, :description, :template, :fields, :defaultCustomer, :tags, :now, :now) RETURNING id`,
      ),
      update: db.prepare(
        `UPDATE saved_events SET title = :title, name = :name, description = :description, template = :template, fields = :fields,
           default_customer = :defaultCustomer, tags = :tags, updated_at = :now WHERE id = :id AND deleted_at IS NULL AND ${visible}`,
      ),
      clearAccounts: db.prepare('DELETE FROM saved_event_accounts WHERE saved_event_id = ?'),
      addAccount: db.prepare('INSERT OR IGNORE INTO saved_event_accounts (saved_event_id, profile) VALUES (?, ?)'),
      accountExists: db.prepare('SELECT 1 FROM profiles WHERE id = ?'),
      softDelete: db.prepare(`UPDATE saved_events SET deleted_at = :now WHERE id = :id AND deleted_at IS NULL AND ${visible}`),
      restore: db.prepare(`UPDATE saved_events SET deleted_at = NULL WHERE id = :id AND deleted_at IS NOT NULL AND deleted_at >= :since AND ${visible}
        AND NOT EXISTS (SELECT 1 FROM saved_events other WHERE other.profile = saved_events.profile AND other.title = saved_events.title AND other.deleted_at IS NULL)`),
      purge: db.prepare('DELETE FROM saved_events WHERE deleted_at IS NOT NULL AND deleted_at < ?'),
    };
  }

  list(viewer: string): SavedEvent[] {
    return (this.#s.list!.all({ viewer }) as unknown as Row[]).map(toSaved);
  }

  get(viewer: string, id: number): SavedEvent | null {
    const row = this.#s.get!.get({ viewer, id }) as Row | undefined;
    return row ? toSaved(row) : null;
  }

  /** Whatever accounts it is limited to: for the answer to an edit that limited it away from the viewer. */
  getAny(id: number): SavedEvent | null {
    const row = this.#s.getAny!.get({ id }) as Row | undefined;
    return row ? toSaved(row) : null;
  }

  byTitle(viewer: string, title: string): SavedEvent | null {
    const row = this.#s.byTitle!.get({ viewer, title }) as Row | undefined;
    return row ? toSaved(row) : null;
  }

  /** The id of the live saved event with this title, whichever accounts see it (titles are unique in the library). */
  titleOwner(title: string): number | null {
    return (this.#s.titleTaken!.get(title) as { id: number } | undefined)?.id ?? null;
  }

  accountExists(id: string): boolean {
    return this.#s.accountExists!.get(id) !== undefined;
  }

  insert(values: SavedEventValues, now: number): number {
    return this.#transaction(() => {
      const id = (this.#s.insert!.get({ now, ...encode(values) }) as { id: number }).id;
      this.#setAccounts(id, values.accounts);
      return id;
    });
  }

  update(viewer: string, id: number, values: SavedEventValues, now: number): boolean {
    return this.#transaction(() => {
      if (Number(this.#s.update!.run({ viewer, id, now, ...encode(values) }).changes) !== 1) return false;
      this.#setAccounts(id, values.accounts);
      return true;
    });
  }

  softDelete(viewer: string, id: number, now: number): boolean {
    return Number(this.#s.softDelete!.run({ viewer, id, now }).changes) === 1;
  }

  /** Brings back a delete made since `since`, unless its title was taken meanwhile. */
  restore(viewer: string, id: number, since: number): boolean {
    return Number(this.#s.restore!.run({ viewer, id, since }).changes) === 1;
  }

  #setAccounts(id: number, accounts: readonly string[]): void {
    this.#s.clearAccounts!.run(id);
    for (const account of accounts) this.#s.addAccount!.run(id, account);
  }

  #transaction<T>(work: () => T): T {
    if (this.#db.isTransaction) return work();
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  purgeDeletedBefore(cutoff: number): void {
    this.#s.purge!.run(cutoff);
  }
}

function encode(values: SavedEventValues) {
  return {
    title: values.title,
    name: values.name,
    description: values.description,
    template: JSON.stringify(values.template),
    fields: JSON.stringify(values.fields),
    defaultCustomer: values.defaultCustomer,
    tags: JSON.stringify(values.tags),
  };
}

function toSaved(row: Row): SavedEvent {
  const parse = <T>(text: string, fallback: T): T => {
    try {
      return JSON.parse(text) as T;
    } catch {
      return fallback;
    }
  };
  return {
    id: row.id,
    title: row.title,
    name: row.name,
    description: row.description,
    template: parse<Record<string, unknown>>(row.template, {}),
    fields: parse<InputField[]>(row.fields, []),
    defaultCustomer: row.default_customer,
    tags: parse<string[]>(row.tags, []),
    accounts: parse<string[]>(row.accounts ?? '[]', []),
    file: row.file,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
