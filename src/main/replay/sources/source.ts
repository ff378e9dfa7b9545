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
}

/** A problem with the whole source (unreadable, empty, unknown format): nothing is planned. */
export class SourceError extends Error {}

/** An export entry carries what was sent as `request`; anything else is taken as the event itself. */
export function eventPart(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'request' in value && 'outcome' in value) return (value as { request: unknown }).request;
  return value;
}
