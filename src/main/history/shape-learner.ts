import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { kindOf, type DataShape, type ValueKind } from '../../shared/shape.ts';

/** How many recent sends of an event name the shape is learned from: enough to be typical, cheap at any history size. */
const SAMPLE = 200;

/**
 * The usual shape of an event's data (keys, their types, how often each is there), learned from
 * its most recent sends. It reads at most SAMPLE rows through the (profile, name, id) index, so it
 * costs the same at a million entries as at a hundred, and follows new sends as they arrive.
 */
export class ShapeLearner {
  readonly #recent: StatementSync;

  constructor(db: DatabaseSync) {
    this.#recent = db.prepare(`SELECT data FROM sends WHERE profile = ? AND name = ? AND outcome = 'sent' ORDER BY id DESC LIMIT ?`);
  }

  shape(profile: string, name: string): DataShape {
    const rows = this.#recent.all(profile, name, SAMPLE) as { data: string }[];
    const seen = new Map<string, { count: number; kinds: Set<ValueKind> }>();
    let sample = 0;
    for (const row of rows) {
      let data: unknown;
      try {
        data = JSON.parse(row.data);
      } catch {
        continue;
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) continue;
      sample += 1;
      for (const [key, value] of Object.entries(data)) {
        const entry = seen.get(key) ?? { count: 0, kinds: new Set<ValueKind>() };
        entry.count += 1;
        entry.kinds.add(kindOf(value));
        seen.set(key, entry);
      }
    }
    const keys = [...seen.entries()]
      .map(([key, entry]) => ({ key, kinds: [...entry.kinds], share: sample === 0 ? 0 : entry.count / sample }))
      .toSorted((a, b) => b.share - a.share || a.key.localeCompare(b.key))
      .slice(0, 100);
    return { sample, keys };
  }
}
