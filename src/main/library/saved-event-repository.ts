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
}

export interface SavedEventValues {
  title: string;
  name: string;
  description: string;
  template: Record<string, unknown>;
  fields: InputField[];
  defaultCustomer: number | null;
  tags: string[];
}

/** The saved-events library of each profile; deletes are soft for a short undo window. */
export class SavedEventRepository {
  readonly #s: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    const columns = 'id, title, name, description, template, fields, default_customer, tags, created_at, updated_at';
    this.#s = {
      list: db.prepare(`SELECT ${columns} FROM saved_events WHERE profile = ? AND deleted_at IS NULL ORDER BY title COLLATE NOCASE`),
      get: db.prepare(`SELECT ${columns} FROM saved_events WHERE profile = ? AND id = ? AND deleted_at IS NULL`),
      byTitle: db.prepare(`SELECT ${columns} FROM saved_events WHERE profile = ? AND title = ? AND deleted_at IS NULL`),
      insert: db.prepare(
        `INSERT INTO saved_events (profile, title, name, description, template, fields, default_customer, tags, created_at, updated_at)
         VALUES (:profile, :title, :name, :description, :template, :fields, :defaultCustomer, :tags, :now, :now) RETURNING id`,
      ),
      update: db.prepare(
        `UPDATE saved_events SET title = :title, name = :name, description = :description, template = :template, fields = :fields,
           default_customer = :defaultCustomer, tags = :tags, updated_at = :now WHERE profile = :profile AND id = :id AND deleted_at IS NULL`,
      ),
      softDelete: db.prepare('UPDATE saved_events SET deleted_at = ? WHERE profile = ? AND id = ? AND deleted_at IS NULL'),
      restore: db.prepare(`UPDATE saved_events SET deleted_at = NULL WHERE profile = ? AND id = ? AND deleted_at IS NOT NULL AND deleted_at >= ?
        AND NOT EXISTS (SELECT 1 FROM saved_events other WHERE other.profile = saved_events.profile AND other.title = saved_events.title AND other.deleted_at IS NULL)`),
      purge: db.prepare('DELETE FROM saved_events WHERE deleted_at IS NOT NULL AND deleted_at < ?'),
    };
  }

  list(profile: string): SavedEvent[] {
    return (this.#s.list!.all(profile) as unknown as Row[]).map(toSaved);
  }

  get(profile: string, id: number): SavedEvent | null {
    const row = this.#s.get!.get(profile, id) as Row | undefined;
    return row ? toSaved(row) : null;
  }

  byTitle(profile: string, title: string): SavedEvent | null {
    const row = this.#s.byTitle!.get(profile, title) as Row | undefined;
    return row ? toSaved(row) : null;
  }

  insert(profile: string, values: SavedEventValues, now: number): number {
    return (this.#s.insert!.get({ profile, now, ...encode(values) }) as { id: number }).id;
  }

  update(profile: string, id: number, values: SavedEventValues, now: number): boolean {
    return Number(this.#s.update!.run({ profile, id, now, ...encode(values) }).changes) === 1;
  }

  softDelete(profile: string, id: number, now: number): boolean {
    return Number(this.#s.softDelete!.run(now, profile, id).changes) === 1;
  }

  /** Brings back a delete made since `since`, unless its title was taken meanwhile. */
  restore(profile: string, id: number, since: number): boolean {
    return Number(this.#s.restore!.run(profile, id, since).changes) === 1;
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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
