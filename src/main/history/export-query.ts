import type { DatabaseSync } from 'node:sqlite';
import type { HistoryEntry, HistoryFilter } from '../../shared/history.ts';
import { filterSql, registerFold } from './history-filter-sql.ts';

/** How many `data.<key>` columns a CSV export has at most; keys past it are only in the `data` column. */
export const MAX_DATA_COLUMNS = 200;

/** How many distinct keys are counted; a key first seen after that many others cannot get a column. */
const MAX_KEYS_COUNTED = 100_000;

/** Rows per SQL pass: ~0.1 s each at a million entries, then main may answer the window. */
const CHUNK_IDS = 20_000;

/** The data keys a CSV export has columns for, and how many other keys it left to the `data` column. */
export interface DataKeys {
  keys: string[];
  omitted: number;
}

type Scope = { filter: HistoryFilter } | { ids: number[] };

/**
 * A row's data for json_each: text that is not JSON would fail the whole query, and an array would
 * yield its indexes. CASE evaluates only the branch it takes, so json_type never sees bad JSON.
 */
const OBJECT_DATA = `CASE WHEN json_valid(s.data) THEN CASE json_type(s.data) WHEN 'object' THEN s.data ELSE '{}' END ELSE '{}' END`;

/**
 * The top-level keys of `data` in the entries an export will write (the filter's, or exactly the
 * selected ids), most frequent first (ties by key), at most `limit`: known before the CSV header,
 * which must name every column before the first row streams. SQL does the work (json_each, grouped
 * by key) over one chunk of matching ids at a time, found newest first exactly as the export pages
 * through them (so each filter keeps its index), yielding in between: a million entries never hold
 * the main process for seconds, and `signal` can stop it. Memory holds distinct keys only, bounded.
 * A damaged row (data that is not a JSON object) has no keys, as in the export itself.
 */
export async function exportDataKeys(db: DatabaseSync, profile: string, scope: Scope, signal: AbortSignal, { limit = MAX_DATA_COLUMNS, chunk = CHUNK_IDS } = {}): Promise<DataKeys> {
  signal.throwIfAborted();
  const tally = new KeyTally();
  // The ids come as one bound JSON array instead of up to 20,000 placeholders.
  const keys = db.prepare(
    `SELECT j.key AS key, count(*) AS n FROM sends s, json_each(${OBJECT_DATA}) j
     WHERE s.id IN (SELECT value FROM json_each(:ids)) AND s.profile = :profile GROUP BY j.key`,
  );
  const count = (ids: number[]) => tally.addRows(keys.iterate({ profile, ids: JSON.stringify(ids) }));
  if ('ids' in scope) {
    for (let start = 0; start < scope.ids.length; start += chunk) {
      count(scope.ids.slice(start, start + chunk));
      await breathe(signal);
    }
    return tally.result(limit);
  }
  // The matching ids, a chunk at a time, with the query the export pages with (the planner picks
  // the same index): the whole pass reads the table once, however selective the filter.
  registerFold(db);
  const sql = filterSql(profile, scope.filter);
  const page = db.prepare(`SELECT ${sql.idColumn} AS id FROM ${sql.from} WHERE ${[...sql.where, `${sql.idColumn} < :before`].join(' AND ')} ORDER BY ${sql.idColumn} DESC LIMIT :chunk`);
  // Without text, every match between a chunk's first and last id is in the chunk: the filter over
  // that id range reads the rows in order (measured 1.3–2× faster than looking up each id). With text
  // the planner would run the full-text query once per row of the range, so the ids are looked up.
  const range =
    sql.idColumn === 's.id'
      ? db.prepare(`SELECT j.key AS key, count(*) AS n FROM ${sql.from}, json_each(${OBJECT_DATA}) j WHERE ${[...sql.where, 's.id >= :low', 's.id <= :high'].join(' AND ')} GROUP BY j.key`)
      : null;
  for (let before = Number.MAX_SAFE_INTEGER; ; ) {
    const ids = (page.all({ ...sql.params, before, chunk }) as { id: number }[]).map((row) => row.id);
    if (ids.length > 0 && range) tally.addRows(range.iterate({ ...sql.params, low: ids.at(-1)!, high: ids[0]! }));
    else if (ids.length > 0) count(ids);
    if (ids.length < chunk) break;
    before = ids.at(-1)!;
    await breathe(signal);
  }
  return tally.result(limit);
}

/**
 * The same answer found by reading the entries themselves, for a service built without the
 * database (slower: every row is read and parsed whole).
 */
export async function dataKeysByReading(entries: Iterable<HistoryEntry>, signal: AbortSignal, { limit = MAX_DATA_COLUMNS } = {}): Promise<DataKeys> {
  signal.throwIfAborted();
  const tally = new KeyTally();
  let read = 0;
  for (const entry of entries) {
    for (const key of Object.keys(entry.request.data)) tally.add(key, 1);
    read += 1;
    if (read % 5000 === 0) await breathe(signal);
  }
  return tally.result(limit);
}

/** Counts per key, for at most MAX_KEYS_COUNTED distinct keys. */
class KeyTally {
  readonly #counts = new Map<string, number>();
  #uncounted = 0;

  add(key: string, count: number): void {
    const seen = this.#counts.get(key);
    if (seen !== undefined) this.#counts.set(key, seen + count);
    else if (this.#counts.size < MAX_KEYS_COUNTED) this.#counts.set(key, count);
    // Past the cap `omitted` becomes an estimate (a key may be counted once per chunk or entry).
    else this.#uncounted += 1;
  }

  addRows(rows: Iterable<unknown>): void {
    // json_each's key is an integer only for arrays, which the query turns into '{}'.
    for (const row of rows as Iterable<{ key: string; n: number }>) this.add(String(row.key), row.n);
  }

  result(limit: number): DataKeys {
    const sorted = [...this.#counts].toSorted(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0));
    return { keys: sorted.slice(0, limit).map(([key]) => key), omitted: Math.max(0, sorted.length - limit) + this.#uncounted };
  }
}

/** Lets the event loop run (IPC, a Cancel) between chunks; stops when the export was cancelled. */
async function breathe(signal: AbortSignal): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  signal.throwIfAborted();
}
