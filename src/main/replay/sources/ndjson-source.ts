import { createReadStream } from 'node:fs';
import { TOO_DEEP } from '../../../shared/nesting.ts';
import { deeperThan } from './depth.ts';
import { LineSplitter, type Line } from './lines.ts';
import { eachRecord, eventPart, type SourceRecord } from './source.ts';

/** NDJSON: one JSON object per line (Event Desk's NDJSON export, or bare {name, data, customer}). Blank lines are skipped. */
export function ndjsonRecords(path: string): AsyncGenerator<SourceRecord> {
  return eachRecord(ndjsonBatches(path));
}

/**
 * NDJSON records a chunk of the file (64 KiB, a few hundred lines) at a time: small enough that a
 * chunk's parsed values are garbage before the next is read, large enough that awaiting each
 * chunk costs nothing next to parsing it.
 */
export async function* ndjsonBatches(path: string): AsyncGenerator<SourceRecord[]> {
  const lines = new LineSplitter();
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const records = toRecords(lines.push(chunk));
    if (records.length > 0) yield records;
  }
  const records = toRecords(lines.end());
  if (records.length > 0) yield records;
}

function toRecords(lines: Line[]): SourceRecord[] {
  const records: SourceRecord[] = [];
  for (const line of lines) {
    const record = toRecord(line);
    if (record) records.push(record);
  }
  return records;
}

function toRecord(line: Line): SourceRecord | null {
  if ('problem' in line) return { position: line.number, problem: line.problem };
  // trim() also drops a BOM (U+FEFF is white space to it), at the start of the file or of any line.
  const text = line.text.trim();
  if (text === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { position: line.number, problem: `not valid JSON (${(error as Error).message.replace(/^Unexpected/, 'unexpected').slice(0, 120)})` };
  }
  if (deeperThan(value)) return { position: line.number, problem: TOO_DEEP };
  return { position: line.number, raw: eventPart(value) };
}
