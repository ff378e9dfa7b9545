import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { NESTING_MAX, nestedDeeperThan, TOO_DEEP } from '../../../shared/nesting.ts';
import { csvRecordLimit, TOO_LONG_CELL } from './csv-limit.ts';
import { MAX_LINE_BYTES } from './lines.ts';
import { SourceError, type SourceRecord } from './source.ts';
import { utf8Check } from './utf8-check.ts';

const FIXED_COLUMNS = new Set(['name', 'customer', 'data']);

/**
 * CSV with a header row: `name`, `customer`, and either `data` (a JSON object) or `data.<key>`
 * columns that become data fields (numbers and true/false typed, empty cells left out). Quotes,
 * commas and newlines inside cells follow RFC 4180 (csv-parse). Positions are 1-based rows,
 * the header being row 1.
 */
export async function* csvRecords(path: string): AsyncGenerator<SourceRecord> {
  // csvRecordLimit makes a row over the limit one invalid row before csv-parse sees it; its own
  // limit (a little higher: it counts cells without their quotes) is only a backstop.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: MAX_LINE_BYTES + 1024 });
  // pipeline (not .pipe) so a failure anywhere — unreadable file, bytes that are not UTF-8 — ends the
  // iteration below with that error instead of being thrown at nobody.
  pipeline(createReadStream(path), utf8Check(), csvRecordLimit(MAX_LINE_BYTES), parser, () => {});
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number } }>) {
      const row = info.records;
      const tooLong = record.length === 1 && record[0] === TOO_LONG_CELL;
      if (tooLong && !header) throw new SourceError(`Row 1 (the header) is longer than ${Math.round(MAX_LINE_BYTES / 1024)} KiB.`);
      if (tooLong) {
        yield { position: row, problem: `longer than ${Math.round(MAX_LINE_BYTES / 1024)} KiB; an event row cannot be that long` };
        continue;
      }
      if (!header) {
        header = record.map((cell) => cell.trim());
        const unknown = header.filter((column) => !FIXED_COLUMNS.has(column) && !/^data\.[^.]+$/.test(column));
        if (unknown.length > 0) throw new SourceError(`Row 1 (the header) has unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((column) => `"${column}"`).join(', ')}. Use name, customer, and data (JSON) or data.<key> columns.`);
        for (const required of ['name', 'customer']) if (!header.includes(required)) throw new SourceError(`Row 1 (the header) has no "${required}" column.`);
        continue;
      }
      if (record.length !== header.length) {
        yield { position: row, problem: `has ${record.length} cells but the header has ${header.length}` };
        continue;
      }
      yield toRecord(header, record, row);
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`The CSV cannot be read: ${(error as Error).message}`);
  }
  if (!header) throw new SourceError('The CSV file has no header row.');
}

function toRecord(header: string[], cells: string[], row: number): SourceRecord {
  const raw: { name?: string; customer?: string; data: Record<string, unknown> } = { data: {} };
  for (const [index, column] of header.entries()) {
    const cell = cells[index]!;
    if (column === 'name') raw.name = cell;
    else if (column === 'customer') raw.customer = cell.trim();
    else if (column === 'data') {
      if (cell.trim() === '') continue;
      try {
        const value: unknown = JSON.parse(cell);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return { position: row, problem: 'data: the data cell must hold a JSON object, like {"plan": "pro"}' };
        // The cell is the record's data: one level below the record, as in a JSON line.
        if (nestedDeeperThan(value, NESTING_MAX - 1)) return { position: row, problem: `data: ${TOO_DEEP}` };
        Object.assign(raw.data, value);
      } catch {
        return { position: row, problem: 'data: the data cell is not valid JSON' };
      }
    } else if (cell !== '') raw.data[column.slice('data.'.length)] = typed(cell);
  }
  return { position: row, raw };
}

/** "42" and "-1.5" become numbers, "true"/"false" booleans; anything else stays text. */
function typed(cell: string): unknown {
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(cell)) return Number(cell);
  if (cell === 'true' || cell === 'false') return cell === 'true';
  return cell;
}
