/** How a source names its positions: NDJSON lines, CSV rows, JSON array items. */
export type SourceUnit = 'line' | 'row' | 'item';

/** One record read from a source: the raw value to check, or why it could not be read. */
export interface SourceRecord {
  /** 1-based line, row or item number, as the user would find it in the file. */
  position: number;
  raw?: unknown;
  problem?: string;
}

export interface Source {
  unit: SourceUnit;
  /** Shown in the job list: "file events.ndjson (NDJSON)", "history: 120 entries". */
  label: string;
  records: AsyncIterable<SourceRecord>;
  /**
   * The same records a chunk of the file at a time, where the source can cut them so (NDJSON): read
   * either this or `records`, not both. The planner prefers it: a million records one by one are a
   * million awaits, a noticeable share of planning a large file.
   */
  batches?: AsyncIterable<readonly SourceRecord[]>;
}

/** Records one by one from a source's batches. */
export async function* eachRecord(batches: AsyncIterable<readonly SourceRecord[]>): AsyncGenerator<SourceRecord> {
  for await (const batch of batches) yield* batch;
}

/** A source's records in batches: its own when it has them, else each record alone. */
export async function* recordBatches(source: Source): AsyncGenerator<readonly SourceRecord[]> {
  if (source.batches) yield* source.batches;
  else for await (const record of source.records) yield [record];
}

/** A problem with the whole source (unreadable, empty, unknown format): nothing is planned. */
export class SourceError extends Error {}

/** An export entry carries what was sent as `request`; anything else is taken as the event itself. */
export function eventPart(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'request' in value && 'outcome' in value) return (value as { request: unknown }).request;
  return value;
}
